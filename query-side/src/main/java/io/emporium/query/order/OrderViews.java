package io.emporium.query.order;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderHistory;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.OrderQuery.FindOrder;
import io.emporium.contracts.order.OrderQuery.FindOrderHistory;
import io.emporium.contracts.order.OrderView;
import io.emporium.contracts.order.OrderView.StatusChange;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads tables order_view and order_status_change (written by the order-views projection) without blocking. */
@Component
class OrderViews {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    OrderViews(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The order with its timeline, in one round trip; the order's row is the timeline's placement. */
    Mono<OrderView> answer(FindOrder query) {
        return db.sql("""
                        select v.order_id, v.customer_id, v.status, v.lines, v.total_minor, v.currency, v.placed_at,
                               v.position,
                               (select json_agg(json_build_object('status', t.status, 'at',
                                   to_char(t.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                                                   'position', t.position)
                                                 order by t.position)
                                  from (select 'PLACED' as status, v.placed_at as changed_at,
                                               v.placed_position as position
                                        union all
                                        select c.status, c.changed_at, c.position from order_status_change c
                                         where c.order_id = v.order_id) t) as timeline
                          from order_view v where v.order_id = :orderId
                        """)
                .bind("orderId", query.orderId())
                .map((row, metadata) -> new OrderView(
                        string(row, "order_id"), string(row, "customer_id"), string(row, "status"),
                        json.readValue(Objects.requireNonNull(row.get("lines", Json.class)).asArray(), LINES),
                        money(row), placedAt(row), Objects.requireNonNull(row.get("position", Long.class)),
                        timeline(Objects.requireNonNull(row.get("timeline", Json.class)))))
                .one();
    }

    /**
     * One page, newest placement first (by its position: unique, so pages neither skip nor repeat); one row more
     * than asked tells whether an older page exists.
     */
    Mono<OrderHistory> answer(FindOrderHistory query) {
        return db.sql("""
                        select order_id, status, total_minor, currency, placed_at, position from order_view
                         where customer_id = :customerId
                         order by placed_position desc
                         limit :limit offset :offset
                        """)
                .bind("customerId", query.customerId())
                .bind("limit", query.size() + 1)
                .bind("offset", (long) query.page() * query.size())
                .map((row, metadata) -> new OrderHistory.Entry(string(row, "order_id"), string(row, "status"),
                        money(row), placedAt(row), Objects.requireNonNull(row.get("position", Long.class))))
                .all()
                .collectList()
                .map(rows -> new OrderHistory(query.customerId(), query.page(), query.size(),
                        rows.subList(0, Math.min(rows.size(), query.size())), rows.size() > query.size()));
    }

    private List<StatusChange> timeline(Json timeline) {
        return List.of(json.readValue(timeline.asArray(), StatusChange[].class));
    }

    private static String string(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, String.class));
    }

    private static Money money(Readable row) {
        return Money.of(Objects.requireNonNull(row.get("total_minor", Long.class)), string(row, "currency"));
    }

    private static java.time.Instant placedAt(Readable row) {
        return Objects.requireNonNull(row.get("placed_at", OffsetDateTime.class)).toInstant();
    }
}
