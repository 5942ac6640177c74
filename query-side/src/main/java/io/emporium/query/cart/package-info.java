/** Carts as the storefront reads them, from the cart-views read model. */
@NullMarked
package io.emporium.query.cart;

import org.jspecify.annotations.NullMarked;
