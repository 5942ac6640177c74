/** Customer profiles on the write side; personal data is sealed at the edge and never seen in the clear here. */
@NullMarked
package io.emporium.command.customer;

import org.jspecify.annotations.NullMarked;
