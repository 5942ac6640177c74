package io.emporium.contracts.order;

import java.util.List;

/** What can be asked of an order. */
public sealed interface OrderCommand {

    String orderId();

    /**
     * Places a new order for a customer, to be paid with this card; the order id is chosen by the caller so that a
     * retry is recognisable.
     */
    record PlaceOrder(String orderId, String customerId, List<OrderLine> lines, PaymentCard card)
            implements OrderCommand {
        public PlaceOrder {
            lines = List.copyOf(lines);
        }
    }

    /** Stock is reserved for every line and the payment is authorized: the shop commits to deliver. */
    record ConfirmOrder(String orderId, String paymentId) implements OrderCommand {}

    /** The order cannot be fulfilled (out of stock, payment declined); the reason is machine-readable. */
    record RejectOrder(String orderId, String reason) implements OrderCommand {}

    /** The customer or the shop (an unpaid order past its deadline) calls the order off before it ships. */
    record CancelOrder(String orderId, String reason) implements OrderCommand {}

    /** The payment deadline passed: an order still unpaid is cancelled; one paid meanwhile stays as it is. */
    record ExpireUnpaidOrder(String orderId) implements OrderCommand {}

    record ShipOrder(String orderId) implements OrderCommand {}

    record ConfirmDelivery(String orderId) implements OrderCommand {}
}
