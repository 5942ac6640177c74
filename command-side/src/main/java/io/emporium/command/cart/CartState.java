package io.emporium.command.cart;

import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.cart.CartEvent.ItemAddedToCart;
import io.emporium.contracts.cart.CartEvent.ItemQuantityChanged;
import io.emporium.contracts.cart.CartEvent.ItemRemovedFromCart;
import io.emporium.contracts.cart.CartLine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** A cart's lifecycle: open while the customer shops, checked out once it became an order. */
sealed interface CartState {

    static CartState initial() {
        return new NoCart();
    }

    default CartState evolve(CartEvent event) {
        return switch (event) {
            case CartCreated created -> new Open(created.customerId(), Map.of());
            case ItemAddedToCart added -> open().with(added.sku(), line -> new CartLine(added.sku(),
                    (line == null ? 0 : line.quantity()) + added.quantity(), added.unitPrice()));
            case ItemQuantityChanged changed -> open().with(changed.sku(), line ->
                    new CartLine(changed.sku(), changed.quantity(), Objects.requireNonNull(line).unitPrice()));
            case ItemRemovedFromCart removed -> open().with(removed.sku(), line -> null);
            case CartCheckedOut checkedOut -> new CheckedOut(checkedOut.customerId(), checkedOut.orderId(),
                    checkedOut.lines());
        };
    }

    private Open open() {
        if (this instanceof Open open) {
            return open;
        }
        throw new IllegalStateException("only an open cart changes its lines, not " + this);
    }

    record NoCart() implements CartState {}

    /** @param lines by SKU, in the order they were first added */
    record Open(String customerId, Map<String, CartLine> lines) implements CartState {

        public Open {
            lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        }

        Open with(String sku, UnaryOperator<@Nullable CartLine> change) {
            var changed = new LinkedHashMap<>(lines);
            var line = change.apply(lines.get(sku));
            if (line == null) {
                changed.remove(sku);
            } else {
                changed.put(sku, line);
            }
            return new Open(customerId, changed);
        }
    }

    /** The cart became this order; nothing about it changes any more. */
    record CheckedOut(String customerId, String orderId, List<CartLine> lines) implements CartState {}
}
