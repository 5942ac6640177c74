package io.emporium.projections.search;

import io.emporium.eventstore.PrefetchingEventSource;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jspecify.annotations.Nullable;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderLine;
import io.emporium.projections.EventPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Feeds the order index. A failure (Elasticsearch down, a timeout) fails the batch; the processor retries it with
 * back-off and the token does not move, so nothing is lost.
 */
@Component
@ProcessingGroup("order-search")
class OrderSearchProjection {

    private final OrderIndex index;

    OrderSearchProjection(OrderIndex index) {
        this.index = index;
    }

    @EventHandler
    void on(OrderEvent event, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex) {
        var position = EventPositions.of(globalIndex, token);
        switch (event) {
            case OrderPlaced placed -> index.put(new OrderDocument(placed.orderId(), placed.customerId(), "PLACED",
                    placed.lines().stream().map(OrderLine::sku).distinct().toList(), placed.total().minorUnits(),
                    placed.total().currency(), placed.placedAt().toString(), position));
            case OrderConfirmed confirmed -> index.updateStatus(confirmed.orderId(), "CONFIRMED", position);
            case OrderRejected rejected -> index.updateStatus(rejected.orderId(), "REJECTED", position);
            case OrderCancelled cancelled -> index.updateStatus(cancelled.orderId(), "CANCELLED", position);
            case OrderShipped shipped -> index.updateStatus(shipped.orderId(), "SHIPPED", position);
            case OrderDelivered delivered -> index.updateStatus(delivered.orderId(), "DELIVERED", position);
        }
    }
}
