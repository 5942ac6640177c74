/** The catalog: what the shop sells, at which price, and whether it is on sale. */
@NullMarked
package io.emporium.contracts.catalog;

import org.jspecify.annotations.NullMarked;
