package io.emporium.projections.search;

import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderLine;
import io.emporium.eventstore.PrefetchingEventSource;
import io.emporium.projections.BatchState;
import io.emporium.projections.EventPositions;
import io.emporium.projections.RefusedDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Feeds the order index a batch at a time: the handler only collects the batch's events per order; before the batch
 * commits, the orders it did not place itself are read in one request, the events applied in order in memory, and
 * the changed documents written in one bulk request. An order costs Elasticsearch a share of two requests per batch
 * instead of one or two requests per event.
 *
 * <p>A failure (Elasticsearch down or overloaded, a timeout) fails the batch before its token is stored; the
 * processor retries it with back-off and the token does not move, so nothing is lost. A document Elasticsearch
 * refuses for good is set aside with its reason ({@link RefusedDocuments}) in the batch's transaction, and the rest
 * of the batch is written.
 */
@Component
@ProcessingGroup(OrderSearchProjection.PROCESSOR)
class OrderSearchProjection {

    static final String PROCESSOR = "order-search";
    private static final String PENDING = OrderSearchProjection.class.getName() + ".pending";

    private final OrderIndex index;
    private final RefusedDocuments refused;

    OrderSearchProjection(OrderIndex index, RefusedDocuments refused) {
        this.index = index;
        this.refused = refused;
    }

    @EventHandler
    void on(OrderEvent event, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex) {
        var position = EventPositions.of(globalIndex, token);
        pending().computeIfAbsent(event.orderId(), orderId -> new ArrayList<>()).add(new Step(event, position));
    }

    /** One event of an order and where it stands in the store. */
    record Step(OrderEvent event, long position) {}

    /** The events of the batch being handled, per order in their order; written when the batch is about to commit. */
    private Map<String, List<Step>> pending() {
        return BatchState.of(PENDING, LinkedHashMap::new, this::write);
    }

    private void write(Map<String, List<Step>> steps) {
        var notPlacedHere = steps.entrySet().stream()
                .filter(entry -> !(entry.getValue().getFirst().event() instanceof OrderPlaced))
                .map(Map.Entry::getKey).toList();
        var stored = index.find(notPlacedHere);
        var changed = new ArrayList<OrderDocument>();
        steps.forEach((orderId, orderSteps) -> {
            var before = stored.get(orderId);
            var after = before;
            for (var step : orderSteps) {
                after = apply(after, step);
            }
            if (after != null && !after.equals(before)) {
                changed.add(after);
            }
        });
        var refusedDocuments = index.write(changed);
        if (!refusedDocuments.isEmpty()) {
            refused.setAside(index.name(), refusedDocuments);
        }
    }

    /**
     * The document after one event. A status change for an order the index does not hold is skipped: an order's
     * events arrive in order, so its absence means the index was reset, and the rebuild brings the order back.
     */
    static @Nullable OrderDocument apply(@Nullable OrderDocument document, Step step) {
        return switch (step.event()) {
            case OrderPlaced placed -> new OrderDocument(placed.orderId(), placed.customerId(), "PLACED",
                    placed.lines().stream().map(OrderLine::sku).distinct().toList(), placed.total().minorUnits(),
                    placed.total().currency(), placed.placedAt().toString(), step.position());
            case OrderConfirmed confirmed -> withStatus(document, "CONFIRMED", step.position());
            case OrderRejected rejected -> withStatus(document, "REJECTED", step.position());
            case OrderCancelled cancelled -> withStatus(document, "CANCELLED", step.position());
            case OrderShipped shipped -> withStatus(document, "SHIPPED", step.position());
            case OrderDelivered delivered -> withStatus(document, "DELIVERED", step.position());
        };
    }

    private static @Nullable OrderDocument withStatus(@Nullable OrderDocument document, String status,
                                                      long position) {
        if (document == null || document.position() >= position) {
            return document;
        }
        return new OrderDocument(document.orderId(), document.customerId(), status, document.skus(),
                document.totalMinor(), document.currency(), document.placedAt(), position);
    }
}
