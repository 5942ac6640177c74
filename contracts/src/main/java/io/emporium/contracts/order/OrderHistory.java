package io.emporium.contracts.order;

import io.emporium.contracts.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * One page of a customer's orders, newest first.
 *
 * @param hasMore whether an older page exists
 */
public record OrderHistory(String customerId, int page, int size, List<Entry> orders, boolean hasMore) {

    public OrderHistory {
        orders = List.copyOf(orders);
    }

    /** An order as a list shows it. */
    public record Entry(String orderId, String status, Money total, Instant placedAt, long position) {}
}
