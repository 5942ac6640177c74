package io.emporium.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Migration V20 on order views written before it, in a database of their own: every version's lines become the
 * JSON text the projection writes, so that a rebuild's comparison of that text finds the rows equal.
 */
class OrderLinesMigrationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyVersionsLinesBecomeTheTextTheProjectionWrites() {
        try (var database = ScratchDatabase.migratedTo("19")) {
            var jdbc = database.jdbc();
            jdbc.execute("create table order_view_v2 (like order_view_v1 including all)");
            var orders = List.of(
                    order("o-plain", new OrderLine("SKU-MUG", 2, Money.of(1_250, "EUR")),
                            new OrderLine("SKU-CAFÉ\u2603", 1, Money.of(4_000_000_000L, "EUR"))),
                    order("o-escaped", new OrderLine("SKU-\"7\"\\/\t\u001f\u000b\u007f", 3, Money.of(-5, "JPY"))),
                    order("o-none"));
            for (var version : new int[] {1, 2}) {
                for (var order : orders) {
                    jdbc.update(("insert into order_view_v%d (order_id, customer_id, status, lines, total_minor,"
                            + " currency, placed_at, position, placed_position) values (?, 'c-1', 'PLACED', ?::jsonb,"
                            + " 1, 'EUR', now(), 1, 1)").formatted(version), order.orderId(),
                            OrderViewProjection.linesJson(JSON, order));
                }
                jdbc.update(("insert into order_view_v%d (order_id, customer_id, status, lines, total_minor, currency,"
                        + " placed_at, position, placed_position) values ('o-other-shape', 'c-1', 'PLACED',"
                        + " '[{\"sku\":\"SKU-MUG\",\"quantity\":2}]', 1, 'EUR', now(), 1, 1)").formatted(version));
            }

            database.migrateToLatest();

            for (var table : new String[] {"order_view", "order_view_v1", "order_view_v2"}) {
                for (var order : orders) {
                    assertThat(jdbc.queryForObject("select lines::text from " + table + " where order_id = ?",
                            String.class, order.orderId())).as(table + " " + order.orderId())
                            .isEqualTo(OrderViewProjection.linesJson(JSON, order));
                }
                assertThat(jdbc.queryForObject("select lines::text from " + table
                        + " where order_id = 'o-other-shape'", String.class)).as(table + " keeps jsonb's text")
                        .isEqualTo("[{\"sku\": \"SKU-MUG\", \"quantity\": 2}]");
            }
            assertThat(jdbc.queryForList("""
                    select data_type from information_schema.columns
                     where table_name in ('order_view', 'order_view_v1', 'order_view_v2') and column_name = 'lines'
                    """, String.class)).containsExactly("json", "json", "json");
        }
    }

    private static OrderPlaced order(String id, OrderLine... lines) {
        return new OrderPlaced(id, "c-1", List.of(lines), Money.of(1, "EUR"), new PaymentCard("tok_1", "visa", "4242"),
                Instant.parse("2026-11-24T10:15:30Z"));
    }
}
