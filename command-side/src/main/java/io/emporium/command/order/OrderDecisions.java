package io.emporium.command.order;

import io.emporium.command.decision.Decision;
import io.emporium.command.order.OrderState.Cancelled;
import io.emporium.command.order.OrderState.Confirmed;
import io.emporium.command.order.OrderState.Delivered;
import io.emporium.command.order.OrderState.NotPlaced;
import io.emporium.command.order.OrderState.Placed;
import io.emporium.command.order.OrderState.Rejected;
import io.emporium.command.order.OrderState.Shipped;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderCommand;
import io.emporium.contracts.order.OrderCommand.CancelOrder;
import io.emporium.contracts.order.OrderCommand.ConfirmDelivery;
import io.emporium.contracts.order.OrderCommand.ConfirmOrder;
import io.emporium.contracts.order.OrderCommand.ExpireUnpaidOrder;
import io.emporium.contracts.order.OrderCommand.PlaceOrder;
import io.emporium.contracts.order.OrderCommand.RejectOrder;
import io.emporium.contracts.order.OrderCommand.ShipOrder;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderLine;
import java.time.Instant;
import java.util.List;

/**
 * What an order decides, as pure functions of a command and the order's state. Every command that finds the order
 * already where it would take it decides nothing, so the checkout process may safely repeat itself.
 */
final class OrderDecisions {

    static final String NOT_CANCELLABLE = "ORDER_NOT_CANCELLABLE";
    static final String NOT_CONFIRMED = "ORDER_NOT_CONFIRMED";
    static final String NOT_SHIPPED = "ORDER_NOT_SHIPPED";
    static final String NOT_PENDING = "ORDER_NOT_PENDING";
    static final String PAYMENT_TIMEOUT = "PAYMENT_TIMEOUT";

    private OrderDecisions() {}

    static Decision<OrderEvent> decide(OrderCommand command, OrderState state, Instant now) {
        return switch (command) {
            case PlaceOrder place -> state instanceof NotPlaced ? Decision.accept(new OrderPlaced(place.orderId(),
                    place.customerId(), place.lines(), total(place.lines()), place.card(), now)) : Decision.nothing();
            case ConfirmOrder confirm -> switch (state) {
                case Placed ignored -> Decision.accept(new OrderConfirmed(confirm.orderId(), confirm.paymentId()));
                case Confirmed ignored -> Decision.nothing();
                default -> notPending(confirm.orderId(), state);
            };
            case RejectOrder reject -> switch (state) {
                case Placed ignored -> Decision.accept(new OrderRejected(reject.orderId(), reject.reason()));
                case Rejected ignored -> Decision.nothing();
                default -> notPending(reject.orderId(), state);
            };
            case CancelOrder cancel -> switch (state) {
                case Placed ignored -> Decision.accept(new OrderCancelled(cancel.orderId(), cancel.reason()));
                case Confirmed ignored -> Decision.accept(new OrderCancelled(cancel.orderId(), cancel.reason()));
                case Cancelled ignored -> Decision.nothing();
                default -> Decision.reject(NOT_CANCELLABLE, "Order " + cancel.orderId() + " can no longer be"
                        + " cancelled: it is " + describe(state) + ".");
            };
            case ExpireUnpaidOrder expire -> state instanceof Placed
                    ? Decision.accept(new OrderCancelled(expire.orderId(), PAYMENT_TIMEOUT)) : Decision.nothing();
            case ShipOrder ship -> switch (state) {
                case Confirmed ignored -> Decision.accept(new OrderShipped(ship.orderId()));
                case Shipped _, Delivered _ -> Decision.nothing();
                default -> Decision.reject(NOT_CONFIRMED, "Only a confirmed order ships; order " + ship.orderId()
                        + " is " + describe(state) + ".");
            };
            case ConfirmDelivery deliver -> switch (state) {
                case Shipped ignored -> Decision.accept(new OrderDelivered(deliver.orderId()));
                case Delivered ignored -> Decision.nothing();
                default -> Decision.reject(NOT_SHIPPED, "Order " + deliver.orderId() + " is " + describe(state)
                        + ", not shipped.");
            };
        };
    }

    private static Decision<OrderEvent> notPending(String orderId, OrderState state) {
        return Decision.reject(NOT_PENDING, "Order " + orderId + " is " + describe(state) + ", no longer pending.");
    }

    static String describe(OrderState state) {
        return switch (state) {
            case NotPlaced ignored -> "not placed";
            case Placed ignored -> "placed";
            case Confirmed ignored -> "confirmed";
            case Rejected rejected -> "rejected (" + rejected.reason() + ")";
            case Cancelled cancelled -> "cancelled (" + cancelled.reason() + ")";
            case Shipped ignored -> "shipped";
            case Delivered ignored -> "delivered";
        };
    }

    private static Money total(List<OrderLine> lines) {
        return lines.stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
    }
}
