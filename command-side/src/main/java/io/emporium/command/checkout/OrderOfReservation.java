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

    @Override
    public <T> Object resolve(String associationPropertyName, EventMessage<?> message,
                              MessageHandlingMember<T> handler) {
        var reservationId = switch (message.getPayload()) {
            case StockReserved reserved -> reserved.reservationId();
            case StockReservationRejected rejected -> rejected.reservationId();
            default -> throw new IllegalArgumentException(message.getPayloadType() + " is no reservation event");
        };
        var orderId = CheckoutProcess.orderOfReservation(reservationId);
        // A reservation id that names no order belongs to no checkout process (OrderRoutedSagaManager admits none).
        return orderId != null ? orderId : reservationId;
    }
}
