package io.emporium.contracts.analytics;

import io.emporium.contracts.cart.CartLine;
import io.emporium.contracts.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * Carts that hold items but were neither checked out nor touched for a while: shoppers who might be reminded. A cart
 * leaves the list when it is checked out or emptied.
 *
 * @param olderThan the inactivity that makes a cart abandoned, ISO-8601 (e.g. PT24H)
 * @param asOf      the moment the inactivity was measured to
 * @param hasMore   whether a further page exists
 */
public record AbandonedCarts(String olderThan, Instant asOf, int page, int size, List<Cart> carts, boolean hasMore) {

    public AbandonedCarts {
        carts = List.copyOf(carts);
    }

    /**
     * @param lastActivityAt when the cart was last created or changed
     * @param items          its lines, at the prices captured when each was added
     * @param value          the sum of its lines
     */
    public record Cart(String cartId, String customerId, Instant lastActivityAt, List<CartLine> items,
                       Money value) {

        public Cart {
            items = List.copyOf(items);
        }
    }
}
