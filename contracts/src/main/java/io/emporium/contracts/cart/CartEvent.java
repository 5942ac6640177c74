package io.emporium.contracts.cart;

import io.emporium.contracts.money.Money;
import java.util.List;

/** What has happened to a cart. */
public sealed interface CartEvent {

    String cartId();

    record CartCreated(String cartId, String customerId) implements CartEvent {}

    record ItemAddedToCart(String cartId, String sku, int quantity, Money unitPrice) implements CartEvent {}

    record ItemQuantityChanged(String cartId, String sku, int quantity) implements CartEvent {}

    record ItemRemovedFromCart(String cartId, String sku) implements CartEvent {}

    record CartCheckedOut(String cartId, String customerId, String orderId, List<CartLine> lines)
            implements CartEvent {
        public CartCheckedOut {
            lines = List.copyOf(lines);
        }
    }
}
