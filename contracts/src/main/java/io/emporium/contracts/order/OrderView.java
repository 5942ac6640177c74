package io.emporium.contracts.order;

import io.emporium.contracts.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * An order as the storefront shows it.
 *
 * @param status   where the order stands, in the words of the order's lifecycle ("PLACED", later "CONFIRMED", …)
 * @param position global position of the last event applied to this view, for read-your-writes
 * @param timeline every status the order went through, oldest first
 */
public record OrderView(String orderId, String customerId, String status, List<OrderLine> lines, Money total,
                        Instant placedAt, long position, List<StatusChange> timeline) {

    public OrderView {
        lines = List.copyOf(lines);
        timeline = List.copyOf(timeline);
    }

    /** One step of an order's life: the status it took, when, and at which global position. */
    public record StatusChange(String status, Instant at, long position) {}
}
