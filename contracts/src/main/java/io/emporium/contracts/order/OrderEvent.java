package io.emporium.contracts.order;

import io.emporium.contracts.money.Money;
import java.time.Instant;
import java.util.List;

/** What has happened to an order. */
public sealed interface OrderEvent {

    String orderId();

    /** The customer committed to buy these lines; the total is fixed from here on. */
    record OrderPlaced(String orderId, String customerId, List<OrderLine> lines, Money total, PaymentCard card,
                       Instant placedAt) implements OrderEvent {
        public OrderPlaced {
            lines = List.copyOf(lines);
        }
    }

    record OrderConfirmed(String orderId, String paymentId) implements OrderEvent {}

    /** @param reason machine-readable, e.g. OUT_OF_STOCK or PAYMENT_DECLINED */
    record OrderRejected(String orderId, String reason) implements OrderEvent {}

    /** @param reason machine-readable, e.g. CUSTOMER_REQUEST or PAYMENT_TIMEOUT */
    record OrderCancelled(String orderId, String reason) implements OrderEvent {}

    record OrderShipped(String orderId) implements OrderEvent {}

    record OrderDelivered(String orderId) implements OrderEvent {}
}
