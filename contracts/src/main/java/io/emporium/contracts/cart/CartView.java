package io.emporium.contracts.cart;

import io.emporium.contracts.money.Money;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A cart as the storefront shows it.
 *
 * @param status   "OPEN", or "CHECKED_OUT" once it became an order
 * @param orderId  the order it became, once checked out
 * @param lines    in the order they were first added
 * @param total    the sum of the lines at their captured prices; absent for an empty cart
 * @param position global position of the last event applied to this view, for read-your-writes
 */
public record CartView(String cartId, String customerId, String status, @Nullable String orderId,
                       List<CartLine> lines, @Nullable Money total, long position) {

    public CartView {
        lines = List.copyOf(lines);
    }
}
