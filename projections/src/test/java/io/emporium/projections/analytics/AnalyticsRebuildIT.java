package io.emporium.projections.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.cart.CartEvent.ItemAddedToCart;
import io.emporium.contracts.cart.CartEvent.ItemQuantityChanged;
import io.emporium.contracts.cart.CartLine;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import io.emporium.eventstore.EventStoreConfiguration;
import io.emporium.projections.RealDatabase;
import io.emporium.projections.rebuild.HistoricEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * given(a day of random carts and orders) → the analytics tables a rebuild writes equal, row for row, what the live
 * projection wrote: carts, orders, sales per hour and day, the funnel. The build's rate is printed;
 * {@code -Drebuild.carts=20000} measures it on a larger history, the default keeps the test short.
 */
class AnalyticsRebuildIT {

    private static final int CARTS = Integer.getInteger("rebuild.carts", 300);
    private static final Money PRICE = Money.of(1_250, "EUR");

    /** An event at its time and global position. */
    private record At(Object event, Instant time, long position) {}

    /** Carts created, filled and mostly checked out; their orders confirmed or rejected, some cancelled or shipped. */
    private static List<At> aDay(String prefix, Instant start, Random random) {
        var events = new ArrayList<At>();
        var clock = new long[] {start.getEpochSecond(), 1_000_000_000L + random.nextInt(1_000_000_000)};
        for (var i = 0; i < CARTS; i++) {
            var cartId = prefix + "cart-" + i;
            var orderId = prefix + "order-" + i;
            var sku = prefix + "SKU-" + random.nextInt(5);
            var quantity = 1 + random.nextInt(3);
            add(events, clock, new CartCreated(cartId, "customer-" + i));
            add(events, clock, new ItemAddedToCart(cartId, sku, quantity, PRICE));
            if (random.nextBoolean()) {
                quantity = 1 + random.nextInt(4);
                add(events, clock, new ItemQuantityChanged(cartId, sku, quantity));
            }
            if (random.nextInt(3) == 0) {
                continue; // abandoned
            }
            add(events, clock, new CartCheckedOut(cartId, "customer-" + i, orderId,
                    List.of(new CartLine(sku, quantity, PRICE))));
            add(events, clock, new OrderPlaced(orderId, "customer-" + i, List.of(new OrderLine(sku, quantity, PRICE)),
                    PRICE.times(quantity), new PaymentCard("tok", "visa", "4242"), Instant.ofEpochSecond(clock[0])));
            if (random.nextInt(10) == 0) {
                add(events, clock, new OrderRejected(orderId, "PAYMENT_DECLINED"));
                continue;
            }
            add(events, clock, new OrderConfirmed(orderId, "pay-" + i));
            switch (random.nextInt(3)) {
                case 0 -> add(events, clock, new OrderCancelled(orderId, "CUSTOMER_REQUEST"));
                case 1 -> add(events, clock, new OrderShipped(orderId));
                default -> { } // still confirmed at the end of the day
            }
        }
        return events;
    }

    private static void add(List<At> events, long[] clock, Object event) {
        events.add(new At(event, Instant.ofEpochSecond(clock[0]++), clock[1]++));
    }

    private static void apply(AnalyticsProjection projection, At at) {
        var token = new GlobalSequenceTrackingToken(at.position());
        switch (at.event()) {
            case CartEvent cart -> projection.on(cart, token, at.position(), at.time());
            case OrderEvent order -> projection.on(order, token, at.position(), at.time());
            default -> throw new IllegalArgumentException("not a cart or order event: " + at.event());
        }
    }

    /** Rows matching the condition in one of the serving and the built version but not in the other. */
    private static long difference(JdbcTemplate jdbc, String table, int version, String where, Object... args) {
        var both = new Object[args.length * 2];
        System.arraycopy(args, 0, both, 0, args.length);
        System.arraycopy(args, 0, both, args.length, args.length);
        return jdbc.queryForObject("""
                select count(*) from (
                  (select * from %1$s where %3$s except select * from %1$s_v%2$d)
                  union all
                  (select * from %1$s_v%2$d where %3$s except select * from %1$s)) differing
                """.formatted(table, version, where), Long.class, both);
    }

    @Test
    void aVersionReplayedThroughTheLiveRulesHoldsExactlyTheRowsTheLiveProjectionWrote() throws Exception {
        var jdbc = RealDatabase.migrated();
        var seed = ThreadLocalRandom.current().nextLong();
        var prefix = "rebuilt-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        var day = LocalDate.of(2200, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(100_000));
        var events = aDay(prefix, day.atTime(9, 0).toInstant(ZoneOffset.UTC), new Random(seed));
        var live = new AnalyticsProjection(new AnalyticsTables(jdbc));
        RealDatabase.inOneTransaction(jdbc, () -> events.forEach(event -> apply(live, event)));
        var rebuild = new AnalyticsRebuild(jdbc, new AnalyticsTables(jdbc));
        var version = 1_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        rebuild.create(version);
        try {
            var mapper = EventStoreConfiguration.eventObjectMapper();
            var started = System.nanoTime();
            try (var writer = rebuild.writer(version)) {
                for (var event : events) {
                    writer.write(new HistoricEvent(event.position(), "aggregate", event.time().toString(),
                            event.event().getClass(), mapper.writeValueAsBytes(event.event())));
                }
            }
            var seconds = (System.nanoTime() - started) / 1e9;
            rebuild.complete(version);
            System.out.printf("analytics rebuilt from %,d events: %,.0f events/s (%.2f s)%n", events.size(),
                    events.size() / seconds, seconds);

            var sold = prefix + "%";
            assertThat(difference(jdbc, "analytics_cart", version, "cart_id like ?", sold)).as("seed %d", seed)
                    .isZero();
            assertThat(difference(jdbc, "analytics_cart_line", version, "cart_id like ?", sold)).isZero();
            assertThat(difference(jdbc, "analytics_order", version, "order_id like ?", sold)).isZero();
            assertThat(difference(jdbc, "analytics_order_line", version, "order_id like ?", sold)).isZero();
            assertThat(difference(jdbc, "analytics_sales_hourly", version, "sku like ?", sold)).isZero();
            assertThat(difference(jdbc, "analytics_sales_daily", version, "sku like ?", sold)).isZero();
            assertThat(difference(jdbc, "analytics_funnel_daily", version, "day between ? and ?", day,
                    day.plusDays(2))).isZero();
            assertThat(jdbc.queryForObject("select count(*) from analytics_sales_daily_v" + version, Long.class))
                    .isPositive();
        } finally {
            rebuild.drop(version);
        }
    }
}
