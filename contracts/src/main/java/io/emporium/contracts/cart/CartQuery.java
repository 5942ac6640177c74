package io.emporium.contracts.cart;

/** What can be asked about carts. */
public sealed interface CartQuery {

    /** What does this cart hold, as the read model knows it now? */
    record FindCart(String cartId) implements CartQuery {}
}
