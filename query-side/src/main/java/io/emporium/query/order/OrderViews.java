package io.emporium.query.order;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.OrderQuery.FindOrder;
import io.emporium.contracts.order.OrderView;
import io.r2dbc.postgresql.codec.Json;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads table order_view (written by the order-views projection) without blocking. */
@Component
class OrderViews {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    OrderViews(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<OrderView> answer(FindOrder query) {
        return db.sql("""
                        select order_id, customer_id, status, lines, total_minor, currency, placed_at, position
                          from order_view where order_id = :orderId
                        """)
                .bind("orderId", query.orderId())
                .map((row, metadata) -> new OrderView(
                        Objects.requireNonNull(row.get("order_id", String.class)),
                        Objects.requireNonNull(row.get("customer_id", String.class)),
                        Objects.requireNonNull(row.get("status", String.class)),
                        json.readValue(Objects.requireNonNull(row.get("lines", Json.class)).asArray(), LINES),
                        Money.of(Objects.requireNonNull(row.get("total_minor", Long.class)),
                                Objects.requireNonNull(row.get("currency", String.class))),
                        Objects.requireNonNull(row.get("placed_at", OffsetDateTime.class)).toInstant(),
                        Objects.requireNonNull(row.get("position", Long.class))))
                .one();
    }
}
