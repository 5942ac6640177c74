package io.emporium.command.checkout;

import io.emporium.contracts.order.OrderCommand.ExpireUnpaidOrder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Payment deadlines of placed orders, in table checkout_deadline. The checkout process writes and clears them in its
 * own transactions; every engine instance sweeps them, each claiming due rows with skip locked, so a deadline
 * survives restarts and fires once. Firing expires the order, which cancels it only if it is still unpaid.
 */
@Component
@ConditionalOnProperty(name = "emporium.roles.checkout.enabled", havingValue = "true", matchIfMissing = true)
class CheckoutDeadlines implements PaymentDeadlines {

    private static final int BATCH = 100;

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final CheckoutProperties properties;
    private final Clock clock;

    CheckoutDeadlines(JdbcTemplate jdbc, CommandGateway commands, TransactionManager transactions,
                      CheckoutProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void schedule(String orderId, Instant placedAt) {
        jdbc.update("insert into checkout_deadline (order_id, due_at) values (?, ?) on conflict do nothing",
                orderId, Timestamp.from(placedAt.plus(properties.paymentTimeout())));
    }

    @Override
    public void clear(String orderId) {
        jdbc.update("delete from checkout_deadline where order_id = ?", orderId);
    }

    /** Expires due orders, a batch per transaction, until none is due. */
    @Scheduled(fixedDelayString = "${emporium.checkout.sweep-interval:1s}")
    void expireOverdueOrders() {
        int expired;
        do {
            expired = transactions.fetchInTransaction(() -> {
                var due = jdbc.queryForList("""
                        select order_id from checkout_deadline where due_at <= ?
                         order by due_at limit ? for update skip locked
                        """, String.class, Timestamp.from(clock.instant()), BATCH);
                due.forEach(orderId -> {
                    commands.sendAndWait(new ExpireUnpaidOrder(orderId));
                    clear(orderId);
                });
                return due.size();
            });
        } while (expired == BATCH);
    }
}
