package io.emporium.command.cart;

import io.emporium.command.cart.CartState.CheckedOut;
import io.emporium.command.cart.CartState.NoCart;
import io.emporium.command.cart.CartState.Open;
import io.emporium.command.decision.Decision;
import io.emporium.contracts.cart.CartCommand.AddItemToCart;
import io.emporium.contracts.cart.CartCommand.ChangeQuantity;
import io.emporium.contracts.cart.CartCommand.CheckOutCart;
import io.emporium.contracts.cart.CartCommand.CreateCart;
import io.emporium.contracts.cart.CartCommand.RemoveItemFromCart;
import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.cart.CartEvent.ItemAddedToCart;
import io.emporium.contracts.cart.CartEvent.ItemQuantityChanged;
import io.emporium.contracts.cart.CartEvent.ItemRemovedFromCart;
import io.emporium.contracts.cart.CartLine;
import io.emporium.contracts.money.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a cart decides, as pure functions of a command, the cart's state and the catalog's current prices. */
final class CartDecisions {

    static final String CART_ID_TAKEN = "CART_ID_TAKEN";
    static final String CHECKED_OUT = "CART_ALREADY_CHECKED_OUT";
    static final String NOT_AVAILABLE = "PRODUCT_NOT_AVAILABLE";
    static final String NOT_IN_CART = "ITEM_NOT_IN_CART";
    static final String CART_FULL = "CART_FULL";
    static final String QUANTITY_LIMIT = "QUANTITY_LIMIT";
    static final String EMPTY = "CART_EMPTY";
    static final String PRICES_CHANGED = "PRICES_CHANGED";
    static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";

    /** Bounds that keep every order total far inside a long. */
    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 10_000;

    private CartDecisions() {}

    static Decision<CartEvent> decide(CreateCart create, CartState state) {
        return switch (state) {
            case NoCart ignored -> Decision.accept(new CartCreated(create.cartId(), create.customerId()));
            case Open open when open.customerId().equals(create.customerId()) -> Decision.nothing();
            case CheckedOut out when out.customerId().equals(create.customerId()) -> Decision.nothing();
            default -> Decision.reject(CART_ID_TAKEN, "Cart " + create.cartId() + " belongs to another customer.");
        };
    }

    /** @param currentPrice the catalog's price now, empty when the SKU is not on sale */
    static Decision<CartEvent> decide(AddItemToCart add, CartState state, Optional<Money> currentPrice) {
        if (!(state instanceof Open open)) {
            return checkedOut(add.cartId());
        }
        if (currentPrice.isEmpty()) {
            return Decision.reject(NOT_AVAILABLE, "SKU " + add.sku() + " is not on sale.");
        }
        var price = currentPrice.get();
        var line = open.lines().get(add.sku());
        if (line == null && open.lines().size() >= MAX_LINES) {
            return Decision.reject(CART_FULL, "A cart holds at most " + MAX_LINES + " different SKUs.");
        }
        if ((line == null ? 0 : line.quantity()) + add.quantity() > MAX_QUANTITY) {
            return Decision.reject(QUANTITY_LIMIT, "At most " + MAX_QUANTITY + " units of one SKU per cart.");
        }
        if (open.lines().values().stream().anyMatch(other -> !other.unitPrice().currency().equals(price.currency()))) {
            return Decision.reject(CURRENCY_MISMATCH, "A cart is priced in one currency.");
        }
        return Decision.accept(new ItemAddedToCart(add.cartId(), add.sku(), add.quantity(), price));
    }

    static Decision<CartEvent> decide(ChangeQuantity change, CartState state) {
        if (!(state instanceof Open open)) {
            return checkedOut(change.cartId());
        }
        var line = open.lines().get(change.sku());
        if (line == null) {
            return Decision.reject(NOT_IN_CART, "SKU " + change.sku() + " is not in the cart.");
        }
        if (change.quantity() == 0) {
            return Decision.accept(new ItemRemovedFromCart(change.cartId(), change.sku()));
        }
        if (change.quantity() > MAX_QUANTITY) {
            return Decision.reject(QUANTITY_LIMIT, "At most " + MAX_QUANTITY + " units of one SKU per cart.");
        }
        return line.quantity() == change.quantity() ? Decision.nothing()
                : Decision.accept(new ItemQuantityChanged(change.cartId(), change.sku(), change.quantity()));
    }

    static Decision<CartEvent> decide(RemoveItemFromCart remove, CartState state) {
        if (!(state instanceof Open open)) {
            return checkedOut(remove.cartId());
        }
        return open.lines().containsKey(remove.sku())
                ? Decision.accept(new ItemRemovedFromCart(remove.cartId(), remove.sku())) : Decision.nothing();
    }

    /**
     * A cart becomes an order only at the prices the customer saw: a changed or withdrawn price sends them back
     * to the cart. Checking out again into the same order changes nothing.
     *
     * @param currentPrices the catalog's price now of each SKU still on sale
     */
    static Decision<CartEvent> decide(CheckOutCart checkOut, CartState state, Map<String, Money> currentPrices) {
        return switch (state) {
            case NoCart ignored -> throw new IllegalStateException("Axon loads only carts that exist");
            case CheckedOut out -> out.orderId().equals(checkOut.orderId()) ? Decision.nothing()
                    : checkedOut(checkOut.cartId());
            case Open open -> {
                if (open.lines().isEmpty()) {
                    yield Decision.reject(EMPTY, "The cart is empty.");
                }
                var stale = open.lines().values().stream()
                        .filter(line -> !line.unitPrice().equals(currentPrices.get(line.sku())))
                        .map(CartLine::sku).collect(Collectors.joining(", "));
                if (!stale.isEmpty()) {
                    yield Decision.reject(PRICES_CHANGED, "Prices changed or items went off sale since they were"
                            + " added: " + stale + ". Review the cart and check out again.");
                }
                yield Decision.accept(new CartCheckedOut(checkOut.cartId(), open.customerId(), checkOut.orderId(),
                        List.copyOf(open.lines().values())));
            }
        };
    }

    private static Decision<CartEvent> checkedOut(String cartId) {
        return Decision.reject(CHECKED_OUT, "Cart " + cartId + " is already checked out.");
    }
}
