package io.emporium.command.order;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderCommand.PlaceOrder;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderLine;
import java.time.Instant;
import java.util.List;

/** What an order decides, as pure functions of a command and the order's state. */
final class OrderDecisions {

    private OrderDecisions() {}

    /** Placing an order that is already placed changes nothing: a retried command decides no events. */
    static List<OrderEvent> decide(PlaceOrder command, OrderState state, Instant now) {
        return switch (state) {
            case OrderState.NotPlaced ignored -> List.of(new OrderPlaced(command.orderId(), command.customerId(),
                    command.lines(), total(command.lines()), now));
            case OrderState.Placed ignored -> List.of();
        };
    }

    private static Money total(List<OrderLine> lines) {
        return lines.stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
    }
}
