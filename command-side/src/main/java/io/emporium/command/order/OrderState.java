package io.emporium.command.order;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;

/** Where an order stands in its lifecycle, as far as decisions need to know. */
sealed interface OrderState {

    static OrderState initial() {
        return new NotPlaced();
    }

    /** Folds one more event into the state; never rejects, because events are facts. */
    default OrderState evolve(OrderEvent event) {
        return switch (event) {
            case OrderPlaced placed -> new Placed(placed.customerId(), placed.total());
        };
    }

    /** No order exists under this id yet. */
    record NotPlaced() implements OrderState {}

    /** The customer committed to buy; the total is fixed. */
    record Placed(String customerId, Money total) implements OrderState {}
}
