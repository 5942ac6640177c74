package io.emporium.projections.order;

import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.eventstore.PrefetchingEventSource;
import io.emporium.projections.EventPositions;
import io.emporium.projections.rebuild.WrittenVersion;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the order views: tables order_view_vN and order_status_change_vN of one version N, which readers see through
 * views order_view and order_status_change (see {@link OrderViewRebuild}). Rows are written with JDBC inside the
 * processor's transaction, so a row and the token that says it was written commit together: each event is applied
 * exactly once. A row never moves back to an older position, so a replay over a live table is harmless.
 */
@Component
@ProcessingGroup(OrderViewProjection.PROCESSOR)
class OrderViewProjection {

    static final String PROCESSOR = "order-views";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final WrittenVersion<Statements> version;

    /** Writes the serving version. */
    @Autowired
    OrderViewProjection(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.version = WrittenVersion.serving(jdbc, PROCESSOR, Statements::new);
    }

    /** Writes {@code version}, as a rebuild's processor does while that version is new. */
    OrderViewProjection(JdbcTemplate jdbc, JsonMapper json, int version) {
        this.jdbc = jdbc;
        this.json = json;
        this.version = WrittenVersion.of(jdbc, PROCESSOR, Statements::new, version);
    }

    /** From now on writes {@code version}; called while the processor is stopped. */
    void retarget(int version) {
        this.version.retarget(version);
    }

    private Statements statements() {
        return version.statements();
    }

    /**
     * A placement writes the order's row, which is also the first entry of its timeline (its moment and position);
     * every later event only moves the order along its lifecycle, and adds an entry to its timeline.
     */
    @EventHandler
    void on(OrderEvent event, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex,
            @org.axonframework.eventhandling.Timestamp Instant occurredAt) {
        var position = EventPositions.of(globalIndex, token);
        if (event instanceof OrderPlaced placed) {
            placed(placed, position);
        } else {
            var status = status(event.getClass());
            jdbc.update(statements().status(), status, position, event.orderId(), position);
            jdbc.update(statements().change(), event.orderId(), position, status,
                    Timestamp.from(stored(occurredAt)));
        }
    }

    private void placed(OrderPlaced event, long position) {
        jdbc.update(statements().placed(), event.orderId(), event.customerId(), linesJson(json, event),
                event.total().minorUnits(), event.total().currency(), Timestamp.from(stored(event.placedAt())),
                position, position);
    }

    /**
     * A moment as the order views store it: rounded half up to microseconds, as the JDBC driver rounds what it
     * sends and a rebuild's COPY rows round the event table's text ({@code CopyRows.timestamp}); PostgreSQL would
     * round text half to even, so the projection, a rebuild and rows written before all store the same value, and
     * their checksums agree.
     */
    static Instant stored(Instant at) {
        return at.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    /** An order's lines as both this projection and a rebuild store them. */
    static String linesJson(JsonMapper json, OrderPlaced event) {
        return json.writeValueAsString(event.lines());
    }

    /** The status an event leaves an order in. */
    static String status(Class<?> eventType) {
        if (eventType == OrderPlaced.class) {
            return "PLACED";
        } else if (eventType == OrderConfirmed.class) {
            return "CONFIRMED";
        } else if (eventType == OrderRejected.class) {
            return "REJECTED";
        } else if (eventType == OrderCancelled.class) {
            return "CANCELLED";
        } else if (eventType == OrderShipped.class) {
            return "SHIPPED";
        } else if (eventType == OrderDelivered.class) {
            return "DELIVERED";
        }
        throw new IllegalArgumentException("not an order event: " + eventType);
    }

    /** The statements that write one version's tables. */
    private record Statements(String status, String change, String placed) {
        Statements(int version) {
            this("update order_view_v%d set status = ?, position = ? where order_id = ? and position < ?"
                            .formatted(version),
                    """
                    insert into order_status_change_v%d (order_id, position, status, changed_at) values (?, ?, ?, ?)
                    on conflict do nothing
                    """.formatted(version),
                    """
                    insert into order_view_v%1$d (order_id, customer_id, status, lines, total_minor, currency,
                                                 placed_at, position, placed_position)
                    values (?, ?, 'PLACED', ?::json, ?, ?, ?, ?, ?)
                    on conflict (order_id) do update
                       set customer_id = excluded.customer_id, status = excluded.status, lines = excluded.lines,
                           total_minor = excluded.total_minor, currency = excluded.currency,
                           placed_at = excluded.placed_at, position = excluded.position,
                           placed_position = excluded.placed_position
                     where order_view_v%1$d.position < excluded.position
                    """.formatted(version));
        }
    }
}
