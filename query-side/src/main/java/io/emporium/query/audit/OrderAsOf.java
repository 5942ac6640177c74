package io.emporium.query.audit;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.OrderView.StatusChange;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order as it stood at some moment, rebuilt from its events alone.
 *
 * @param paymentId the authorized payment, once confirmed
 * @param reason    why it was rejected or cancelled, machine-readable
 * @param position  the global position of the last event applied
 * @param at        when that event was stored
 * @param timeline  every status up to then, oldest first
 */
public record OrderAsOf(String orderId, String customerId, String status, List<OrderLine> lines, Money total,
                        Instant placedAt, @Nullable String paymentId, @Nullable String reason, long position,
                        Instant at, List<StatusChange> timeline) {

    public OrderAsOf {
        lines = List.copyOf(lines);
        timeline = List.copyOf(timeline);
    }
}
