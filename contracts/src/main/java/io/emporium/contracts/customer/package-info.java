/** Customer profiles: who buys, and where their orders go. Personal data travels sealed, so it can be erased. */
@NullMarked
package io.emporium.contracts.customer;

import org.jspecify.annotations.NullMarked;
