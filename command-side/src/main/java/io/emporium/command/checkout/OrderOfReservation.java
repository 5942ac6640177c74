package io.emporium.command.checkout;

import io.emporium.contracts.inventory.InventoryEvent.StockReservationRejected;
import io.emporium.contracts.inventory.InventoryEvent.StockReserved;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.modelling.saga.AssociationResolver;

/**
 * Finds the checkout process of a reservation's event by the order its reservation id names, so the process is
 * associated with its order id only.
 */
public final class OrderOfReservation implements AssociationResolver {

    @Override
    public <T> void validate(String associationPropertyName, MessageHandlingMember<T> handler) {
        var payload = handler.payloadType();
        if (payload != StockReserved.class && payload != StockReservationRejected.class) {
            throw new IllegalStateException(handler + " handles no reservation event");
        }
    }

    /**
     * The order {@link OrderRoutedSagaManager} routed the event by; it admits no reservation that names none, but
     * such an id, if it came, would still be found in no process (no order has it as its id).
     */
    @Override
    public <T> Object resolve(String associationPropertyName, EventMessage<?> message,
                              MessageHandlingMember<T> handler) {
        var orderId = OrderRoutedSagaManager.orderOf(message.getPayload());
        return orderId != null ? orderId : message.getIdentifier();
    }
}
