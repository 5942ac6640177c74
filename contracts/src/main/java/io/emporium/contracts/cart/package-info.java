/** Carts: what a customer intends to buy, at the prices seen when each item was added. */
@NullMarked
package io.emporium.contracts.cart;

import org.jspecify.annotations.NullMarked;
