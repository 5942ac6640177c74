package io.emporium.contracts.order;

import java.util.List;

/** What can be asked of an order. */
public sealed interface OrderCommand {

    String orderId();

    /** Places a new order for a customer; the order id is chosen by the caller so that a retry is recognisable. */
    record PlaceOrder(String orderId, String customerId, List<OrderLine> lines) implements OrderCommand {
        public PlaceOrder {
            lines = List.copyOf(lines);
        }
    }
}
