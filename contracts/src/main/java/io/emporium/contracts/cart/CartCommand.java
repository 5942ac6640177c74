package io.emporium.contracts.cart;

/** What can be asked of a cart. */
public sealed interface CartCommand {

    String cartId();

    record CreateCart(String cartId, String customerId) implements CartCommand {}

    /** Adds units of a SKU at the catalog's price now; adding a SKU already in the cart adds to its quantity. */
    record AddItemToCart(String cartId, String sku, int quantity) implements CartCommand {}

    /** Sets the quantity of a SKU in the cart; zero removes it. */
    record ChangeQuantity(String cartId, String sku, int quantity) implements CartCommand {}

    record RemoveItemFromCart(String cartId, String sku) implements CartCommand {}

    /**
     * Turns the cart into an order. The captured prices are checked against the catalog's current ones: a customer
     * is never charged a price they were not shown.
     */
    record CheckOutCart(String cartId, String orderId) implements CartCommand {}
}
