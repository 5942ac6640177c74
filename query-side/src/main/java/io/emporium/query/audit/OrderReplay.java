package io.emporium.query.audit;

import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderView.StatusChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Rebuilds an order from its events, up to a moment: a pure fold, the same whatever read model exists. */
final class OrderReplay {

    private OrderReplay() {}

    /** One of the order's events where the store put it. */
    record Recorded(long position, Instant at, OrderEvent event) {}

    /** The moment of an as-of question: a global position or a time, both inclusive. */
    sealed interface Moment extends Predicate<Recorded> {

        record Position(long position) implements Moment {
            @Override
            public boolean test(Recorded recorded) {
                return recorded.position() <= position;
            }
        }

        record Time(Instant time) implements Moment {
            @Override
            public boolean test(Recorded recorded) {
                return !recorded.at().isAfter(time);
            }
        }

        record Now() implements Moment {
            @Override
            public boolean test(Recorded recorded) {
                return true;
            }
        }
    }

    /**
     * @param events the order's events, oldest first
     * @return the order as of the moment, or empty if it was not placed by then
     */
    static Optional<OrderAsOf> asOf(List<Recorded> events, Moment moment) {
        @Nullable OrderAsOf order = null;
        for (var recorded : events) {
            if (!moment.test(recorded)) {
                break;
            }
            order = evolve(order, recorded);
        }
        return Optional.ofNullable(order);
    }

    private static OrderAsOf evolve(@Nullable OrderAsOf order, Recorded recorded) {
        if (recorded.event() instanceof OrderPlaced placed) {
            return new OrderAsOf(placed.orderId(), placed.customerId(), "PLACED", placed.lines(), placed.total(),
                    placed.placedAt(), null, null, recorded.position(), recorded.at(),
                    List.of(new StatusChange("PLACED", recorded.at(), recorded.position())));
        }
        if (order == null) {
            throw new IllegalStateException("an order's first event is its placement, not " + recorded.event());
        }
        return switch (recorded.event()) {
            case OrderPlaced placed -> throw new IllegalStateException("placed twice: " + placed.orderId());
            case OrderConfirmed confirmed -> next(order, recorded, "CONFIRMED", confirmed.paymentId(), null);
            case OrderRejected rejected -> next(order, recorded, "REJECTED", order.paymentId(), rejected.reason());
            case OrderCancelled cancelled -> next(order, recorded, "CANCELLED", order.paymentId(), cancelled.reason());
            case OrderShipped shipped -> next(order, recorded, "SHIPPED", order.paymentId(), null);
            case OrderDelivered delivered -> next(order, recorded, "DELIVERED", order.paymentId(), null);
        };
    }

    private static OrderAsOf next(OrderAsOf order, Recorded recorded, String status,
                                  @Nullable String paymentId, @Nullable String reason) {
        var timeline = new ArrayList<>(order.timeline());
        timeline.add(new StatusChange(status, recorded.at(), recorded.position()));
        return new OrderAsOf(order.orderId(), order.customerId(), status, order.lines(), order.total(),
                order.placedAt(), paymentId, reason, recorded.position(), recorded.at(), timeline);
    }
}
