package io.emporium.projections.order;

import io.emporium.eventstore.PrefetchingEventSource;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jspecify.annotations.Nullable;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.projections.EventPositions;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps table order_view. Rows are written with JDBC inside the processor's transaction, so a row and the token
 * that says it was written commit together: each event is applied exactly once. A row never moves back to an
 * older position, so a replay over a live table is harmless.
 */
@Component
@ProcessingGroup(OrderViewProjection.PROCESSOR)
class OrderViewProjection {

    static final String PROCESSOR = "order-views";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    OrderViewProjection(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every later event only moves the order along its lifecycle, and adds a line to its timeline. */
    @EventHandler
    void on(OrderEvent event, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex,
            @org.axonframework.eventhandling.Timestamp Instant occurredAt) {
        var position = EventPositions.of(globalIndex, token);
        var status = switch (event) {
            case OrderPlaced placed -> {
                placed(placed, position);
                yield "PLACED";
            }
            case OrderConfirmed ignored -> "CONFIRMED";
            case OrderRejected ignored -> "REJECTED";
            case OrderCancelled ignored -> "CANCELLED";
            case OrderShipped ignored -> "SHIPPED";
            case OrderDelivered ignored -> "DELIVERED";
        };
        if (!(event instanceof OrderPlaced)) {
            jdbc.update("update order_view set status = ?, position = ? where order_id = ? and position < ?",
                    status, position, event.orderId(), position);
        }
        jdbc.update("""
                insert into order_status_change (order_id, position, status, changed_at) values (?, ?, ?, ?)
                on conflict do nothing
                """, event.orderId(), position, status, Timestamp.from(occurredAt));
    }

    private void placed(OrderPlaced event, long position) {
        jdbc.update("""
                insert into order_view (order_id, customer_id, status, lines, total_minor, currency, placed_at,
                                        position)
                values (?, ?, 'PLACED', ?::jsonb, ?, ?, ?, ?)
                on conflict (order_id) do update
                   set customer_id = excluded.customer_id, status = excluded.status, lines = excluded.lines,
                       total_minor = excluded.total_minor, currency = excluded.currency,
                       placed_at = excluded.placed_at, position = excluded.position
                 where order_view.position < excluded.position
                """, event.orderId(), event.customerId(), json.writeValueAsString(event.lines()),
                event.total().minorUnits(), event.total().currency(), Timestamp.from(event.placedAt()), position);
    }
}
