package io.emporium.command.checkout;

import io.emporium.contracts.inventory.InventoryEvent.StockReservationRejected;
import io.emporium.contracts.inventory.InventoryEvent.StockReserved;
import io.emporium.contracts.order.OrderEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.jspecify.annotations.Nullable;

/**
 * Hands each order's checkout events to exactly one segment of the checkout processor: the segment its order id
 * falls in.
 *
 * <p>Axon's saga manager places a saga in the segment of its random saga id, so it cannot know from an event which
 * segment will want it: every segment takes every checkout event, looks its associations up and, in all segments
 * but one, finds nothing to do — one transaction and one token write each. With 16 segments an order cost about 56
 * transactions, of which 4 did its work; routing by order id leaves those that do work. One segment also sees
 * every event of its order in the store's order, whatever aggregate wrote it, and a split or merge of segments keeps
 * each order in one segment.
 */
final class OrderRoutedSagaManager extends AnnotatedSagaManager<CheckoutProcess> {

    OrderRoutedSagaManager(Builder<CheckoutProcess> builder) {
        super(builder);
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        var orderId = orderOf(event.getPayload());
        return orderId != null && super.canHandle(event, segment) && segment.matches(routingValue(orderId));
    }

    /**
     * Every saga found for an event belongs to the segment handling it: {@link #canHandle} admitted the event to
     * one segment only. (Axon would instead compare the saga's own id with the segment.)
     */
    @Override
    protected boolean matchesSegment(Segment segment, String sagaId) {
        return true;
    }

    /**
     * The value Axon checks before starting a saga in a segment, {@code orderId} of the starting event: routing by
     * the same value makes the segment that receives {@code OrderPlaced} the one allowed to start its process.
     */
    static AssociationValue routingValue(String orderId) {
        return new AssociationValue("orderId", orderId);
    }

    /** The order an event of the checkout process concerns, or null for an event the process never handles. */
    static @Nullable String orderOf(Object payload) {
        return switch (payload) {
            case OrderEvent event -> event.orderId();
            case StockReserved reserved -> CheckoutProcess.orderOfReservation(reserved.reservationId());
            case StockReservationRejected rejected -> CheckoutProcess.orderOfReservation(rejected.reservationId());
            default -> null;
        };
    }
}
