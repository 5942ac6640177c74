package io.emporium.projections.search;

import io.emporium.contracts.order.OrderEvent.OrderPlaced;
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
    void on(OrderPlaced event, TrackingToken token) {
        index.put(new OrderDocument(event.orderId(), event.customerId(), "PLACED",
                event.lines().stream().map(OrderLine::sku).distinct().toList(), event.total().minorUnits(),
                event.total().currency(), event.placedAt().toString(), EventPositions.of(token)));
    }
}
