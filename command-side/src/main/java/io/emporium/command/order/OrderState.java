package io.emporium.command.order;

import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;

/**
 * Where an order stands: placed (stock and payment pending), confirmed (reserved and paid), then shipped and
 * delivered; or it ends rejected (could not be fulfilled) or cancelled (called off before shipping).
 */
sealed interface OrderState {

    static OrderState initial() {
        return new NotPlaced();
    }

    /** Folds one more event into the state; never rejects, because events are facts. */
    default OrderState evolve(OrderEvent event) {
        return switch (event) {
            case OrderPlaced placed -> new Placed();
            case OrderConfirmed confirmed -> new Confirmed(confirmed.paymentId());
            case OrderRejected rejected -> new Rejected(rejected.reason());
            case OrderCancelled cancelled -> new Cancelled(cancelled.reason());
            case OrderShipped shipped -> new Shipped();
            case OrderDelivered delivered -> new Delivered();
        };
    }

    record NotPlaced() implements OrderState {}

    record Placed() implements OrderState {}

    record Confirmed(String paymentId) implements OrderState {}

    record Rejected(String reason) implements OrderState {}

    record Cancelled(String reason) implements OrderState {}

    record Shipped() implements OrderState {}

    record Delivered() implements OrderState {}
}
