package io.emporium.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.money.Money;
import io.emporium.projections.RealDatabase;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** given(events) → then(order_view), on a real PostgreSQL with the real schema. */
class OrderViewProjectionIT {

    private static JdbcTemplate jdbc;
    private static OrderViewProjection projection;

    private static final PaymentCard CARD = new PaymentCard("tok_1", "visa", "4242");
    private static final Instant PLACED_AT = Instant.parse("2026-11-24T10:15:30Z");
    private static final List<OrderLine> LINES = List.of(new OrderLine("SKU-MUG", 2, Money.of(1_250, "EUR")));

    @BeforeAll
    static void realDatabase() {
        jdbc = RealDatabase.migrated();
        projection = new OrderViewProjection(jdbc, JsonMapper.builder().build());
    }

    /** Applies events as the processor would, each at its global position. */
    @SafeVarargs
    private static void given(Map.Entry<OrderEvent, Long>... events) {
        for (var event : events) {
            projection.on(event.getKey(), new GlobalSequenceTrackingToken(event.getValue()), null,
                    PLACED_AT.plusSeconds(event.getValue()));
        }
    }

    private static Map<String, Object> row(String orderId) {
        return jdbc.queryForMap("select customer_id, status, total_minor, currency, position, lines::text as lines"
                + " from order_view where order_id = ?", orderId);
    }

    @Test
    void aPlacedOrderIsShownAsPlacedWithItsTotalAndPosition() {
        var orderId = UUID.randomUUID().toString();
        given(Map.entry(new OrderPlaced(orderId, "customer-7", LINES, Money.of(2_500, "EUR"), CARD, PLACED_AT), 41L));

        assertThat(row(orderId)).containsEntry("customer_id", "customer-7").containsEntry("status", "PLACED")
                .containsEntry("total_minor", 2_500L).containsEntry("currency", "EUR").containsEntry("position", 41L);
        assertThat((String) row(orderId).get("lines")).contains("\"sku\":\"SKU-MUG\"");
    }

    @Test
    void aRedeliveredOlderEventNeverOverwritesWhatANewerOneWrote() {
        var orderId = UUID.randomUUID().toString();
        given(Map.entry(new OrderPlaced(orderId, "customer-new", LINES, Money.of(2_500, "EUR"), CARD, PLACED_AT), 90L),
                Map.entry(new OrderPlaced(orderId, "customer-old", LINES, Money.of(2_500, "EUR"), CARD, PLACED_AT),
                        80L));

        assertThat(row(orderId)).containsEntry("customer_id", "customer-new").containsEntry("position", 90L);
    }

    @Test
    void anOrderMovesAlongItsLifecycleAndAnOlderStatusNeverComesBack() {
        var orderId = UUID.randomUUID().toString();
        given(Map.entry(new OrderPlaced(orderId, "customer-7", LINES, Money.of(2_500, "EUR"), CARD, PLACED_AT), 10L),
                Map.entry(new OrderConfirmed(orderId, "pay_1"), 12L),
                Map.entry(new OrderShipped(orderId), 15L),
                Map.entry(new OrderConfirmed(orderId, "pay_1"), 12L));

        assertThat(row(orderId)).containsEntry("status", "SHIPPED").containsEntry("position", 15L);
    }

    @Test
    void theTimelineHoldsEachStatusOnceInTheOrderItHappenedEvenWhenEventsAreRedelivered() {
        var orderId = UUID.randomUUID().toString();
        given(Map.entry(new OrderPlaced(orderId, "customer-7", LINES, Money.of(2_500, "EUR"), CARD, PLACED_AT), 20L),
                Map.entry(new OrderConfirmed(orderId, "pay_1"), 23L),
                Map.entry(new OrderConfirmed(orderId, "pay_1"), 23L),
                Map.entry(new OrderShipped(orderId), 27L));

        // The placement is the order's row, at the order's own moment; each later status is a row of its own.
        assertThat(jdbc.queryForList("""
                select status || '@' || position || '@' || to_char(changed_at at time zone 'UTC', 'HH24:MI:SS')
                  from (select 'PLACED' as status, placed_position as position, placed_at as changed_at
                          from order_view where order_id = ?
                        union all
                        select status, position, changed_at from order_status_change where order_id = ?) timeline
                 order by position
                """, String.class, orderId, orderId))
                .containsExactly("PLACED@20@10:15:30", "CONFIRMED@23@10:15:53", "SHIPPED@27@10:15:57");
    }
}
