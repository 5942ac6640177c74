package io.emporium.projections.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.cart.CartEvent.ItemAddedToCart;
import io.emporium.contracts.cart.CartEvent.ItemQuantityChanged;
import io.emporium.contracts.cart.CartEvent.ItemRemovedFromCart;
import io.emporium.contracts.cart.CartLine;
import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import io.emporium.projections.RealDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * given(events) → then(sales, funnel and cart rows), on a real PostgreSQL with the real schema. Each test sells its
 * own SKUs on its own day, so that tests sharing the database never count each other's events.
 */
class AnalyticsProjectionIT {

    private static final Money MUG = Money.of(1_250, "EUR");
    private static final Money PLATE = Money.of(900, "EUR");
    private static final AtomicInteger DAYS = new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 20_000));
    private static final AtomicInteger POSITIONS = new AtomicInteger(1_000);

    private static JdbcTemplate jdbc;
    private static AnalyticsProjection projection;

    /** Ten past nine on a day no other test uses. */
    private final Instant morning = LocalDate.of(1970, 1, 1).plusDays(DAYS.getAndAdd(3)).atTime(9, 10)
            .toInstant(ZoneOffset.UTC);
    private final String mug = "MUG-" + UUID.randomUUID();
    private final String plate = "PLATE-" + UUID.randomUUID();
    private final String first = "order-" + UUID.randomUUID();
    private final String second = "order-" + UUID.randomUUID();

    @BeforeAll
    static void realDatabase() {
        jdbc = RealDatabase.migrated();
        projection = new AnalyticsProjection(new AnalyticsTables(jdbc));
    }

    /** An event recorded at a time and a global position. */
    private record At(Object event, Instant time, long position) {}

    private static At at(Object event, Instant time) {
        return new At(event, time, POSITIONS.incrementAndGet());
    }

    /** The events as one batch of the processor: its sums are written as it commits. */
    private static void given(At... events) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> apply(events));
    }

    private static void apply(At... events) {
        for (var recorded : events) {
            var token = new GlobalSequenceTrackingToken(recorded.position());
            switch (recorded.event()) {
                case CartEvent cart -> projection.on(cart, token, recorded.position(), recorded.time());
                case OrderEvent order -> projection.on(order, token, recorded.position(), recorded.time());
                default -> throw new IllegalArgumentException(recorded.event().toString());
            }
        }
    }

    private OrderPlaced placed(String orderId, OrderLine... lines) {
        var total = List.of(lines).stream().map(OrderLine::total).reduce(Money::plus).orElseThrow();
        return new OrderPlaced(orderId, "customer-1", List.of(lines), total,
                new PaymentCard("tok_1", "visa", "4242"), morning);
    }

    private List<String> hourly(String sku) {
        return jdbc.queryForList("""
                select to_char(hour at time zone 'UTC', 'YYYY-MM-DD HH24') || ' ' || units || ' units '
                       || revenue_minor || ' ' || currency || ' in ' || orders
                  from analytics_sales_hourly where sku = ? and orders <> 0 order by hour, currency
                """, String.class, sku);
    }

    private List<String> daily(String sku) {
        return jdbc.queryForList("""
                select to_char(day, 'YYYY-MM-DD') || ' ' || units || ' units ' || revenue_minor || ' ' || currency
                       || ' in ' || orders
                  from analytics_sales_daily where sku = ? and orders <> 0 order by day, currency
                """, String.class, sku);
    }

    private static String hour(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toString().substring(0, 13).replace('T', ' ');
    }

    private static String day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private Map<String, Object> funnel(Instant at) {
        var rows = jdbc.queryForList("""
                select carts_created, carts_with_items, carts_checked_out, orders_placed, orders_confirmed
                  from analytics_funnel_daily where day = ?
                """, LocalDate.ofInstant(at, ZoneOffset.UTC));
        return rows.isEmpty() ? Map.of() : rows.getFirst();
    }

    private static Map<String, Object> steps(long created, long withItems, long checkedOut, long placed,
                                             long confirmed) {
        return Map.of("carts_created", created, "carts_with_items", withItems, "carts_checked_out", checkedOut,
                "orders_placed", placed, "orders_confirmed", confirmed);
    }

    /** The open carts with items that saw nothing since {@code before}, as abandoned carts lists them. */
    private static List<String> abandonedBefore(Instant before, String customerId) {
        return jdbc.queryForList("""
                select cart_id || ' ' || units || ' units ' || value_minor || ' ' || currency || ' since '
                       || to_char(last_activity_at at time zone 'UTC', 'HH24:MI')
                  from analytics_cart
                 where checked_out_at is null and units > 0 and last_activity_at < ? and customer_id = ?
                 order by last_activity_at desc
                """, String.class, before.atOffset(ZoneOffset.UTC), customerId);
    }

    // --- sales

    @Test
    void confirmedOrderCountsUnitsAndRevenueInItsHour() {
        var confirmedAt = morning.plus(Duration.ofMinutes(55));
        given(at(placed(first, new OrderLine(mug, 2, MUG), new OrderLine(plate, 1, PLATE)), morning),
                at(new OrderConfirmed(first, "pay-1"), confirmedAt));

        assertThat(hourly(mug)).containsExactly(hour(confirmedAt) + " 2 units 2500 EUR in 1");
        assertThat(hourly(plate)).containsExactly(hour(confirmedAt) + " 1 units 900 EUR in 1");
        assertThat(daily(mug)).containsExactly(day(confirmedAt) + " 2 units 2500 EUR in 1");
    }

    @Test
    void aSaleCountsInTheHourOfConfirmationNotOfPlacement() {
        var confirmedAt = morning.plus(Duration.ofHours(15)); // past midnight UTC: the next day
        given(at(placed(first, new OrderLine(mug, 1, MUG)), morning),
                at(new OrderConfirmed(first, "pay-1"), confirmedAt));

        assertThat(hourly(mug)).containsExactly(hour(confirmedAt) + " 1 units 1250 EUR in 1");
        assertThat(daily(mug)).containsExactly(day(confirmedAt) + " 1 units 1250 EUR in 1");
    }

    @Test
    void aPlacedOrderSellsNothingUntilConfirmedAndARejectedOneNothingAtAll() {
        given(at(placed(first, new OrderLine(mug, 1, MUG)), morning),
                at(placed(second, new OrderLine(mug, 3, MUG)), morning),
                at(new OrderRejected(second, "OUT_OF_STOCK"), morning.plusSeconds(1)));

        assertThat(hourly(mug)).isEmpty();
        assertThat(daily(mug)).isEmpty();
    }

    @Test
    void ordersOfOneHourAddUpAndEachCountsOncePerProduct() {
        given(at(placed(first, new OrderLine(mug, 1, MUG), new OrderLine(mug, 2, MUG)), morning),
                at(new OrderConfirmed(first, "pay-1"), morning.plusSeconds(60)),
                at(placed(second, new OrderLine(mug, 4, MUG)), morning),
                at(new OrderConfirmed(second, "pay-2"), morning.plusSeconds(120)));

        assertThat(hourly(mug)).containsExactly(hour(morning) + " 7 units 8750 EUR in 2");
    }

    @Test
    void dailySalesAreTheSumOfTheirHours() {
        given(at(placed(first, new OrderLine(mug, 1, MUG)), morning),
                at(new OrderConfirmed(first, "pay-1"), morning),
                at(placed(second, new OrderLine(mug, 2, MUG)), morning),
                at(new OrderConfirmed(second, "pay-2"), morning.plus(Duration.ofHours(5))));

        assertThat(hourly(mug)).hasSize(2);
        assertThat(daily(mug)).containsExactly(day(morning) + " 3 units 3750 EUR in 2");
    }

    @Test
    void salesInTwoCurrenciesAreNeverAddedUp() {
        given(at(placed(first, new OrderLine(mug, 1, MUG)), morning),
                at(new OrderConfirmed(first, "pay-1"), morning),
                at(placed(second, new OrderLine(mug, 1, Money.of(1_100, "GBP"))), morning),
                at(new OrderConfirmed(second, "pay-2"), morning));

        assertThat(hourly(mug)).containsExactly(hour(morning) + " 1 units 1250 EUR in 1",
                hour(morning) + " 1 units 1100 GBP in 1");
    }

    @Test
    void cancelledOrderTakesItsSaleBack() {
        given(at(placed(first, new OrderLine(mug, 2, MUG)), morning),
                at(new OrderConfirmed(first, "pay-1"), morning),
                at(placed(second, new OrderLine(mug, 1, MUG)), morning),
                at(new OrderConfirmed(second, "pay-2"), morning),
                at(new OrderCancelled(first, "CUSTOMER_REQUEST"), morning.plus(Duration.ofDays(1))));

        assertThat(hourly(mug)).containsExactly(hour(morning) + " 1 units 1250 EUR in 1");
        assertThat(daily(mug)).containsExactly(day(morning) + " 1 units 1250 EUR in 1");
        assertThat(funnel(morning)).containsAllEntriesOf(Map.of("orders_confirmed", 2L));
    }

    @Test
    void aSaleTakenBackInALaterBatchLeavesWhatTheOtherOrdersSold() {
        given(at(placed(first, new OrderLine(mug, 2, MUG)), morning),
                at(new OrderConfirmed(first, "pay-1"), morning),
                at(placed(second, new OrderLine(mug, 1, MUG)), morning));
        given(at(new OrderConfirmed(second, "pay-2"), morning));
        given(at(new OrderCancelled(first, "CUSTOMER_REQUEST"), morning.plus(Duration.ofDays(1))));

        assertThat(hourly(mug)).containsExactly(hour(morning) + " 1 units 1250 EUR in 1");
        assertThat(daily(mug)).containsExactly(day(morning) + " 1 units 1250 EUR in 1");
        assertThat(funnel(morning)).containsAllEntriesOf(Map.of("orders_placed", 2L, "orders_confirmed", 2L));
    }

    @Test
    void anOrderCancelledBeforeItsPaymentTakesNothingBack() {
        given(at(placed(first, new OrderLine(mug, 2, MUG)), morning),
                at(new OrderConfirmed(first, "pay-1"), morning),
                at(placed(second, new OrderLine(mug, 1, MUG)), morning),
                at(new OrderCancelled(second, "PAYMENT_TIMEOUT"), morning.plusSeconds(900)));

        assertThat(hourly(mug)).containsExactly(hour(morning) + " 2 units 2500 EUR in 1");
    }

    @Test
    void aShippedOrderKeepsItsSale() {
        given(at(placed(first, new OrderLine(mug, 2, MUG)), morning),
                at(new OrderConfirmed(first, "pay-1"), morning),
                at(new OrderShipped(first), morning.plus(Duration.ofDays(1))));

        assertThat(hourly(mug)).containsExactly(hour(morning) + " 2 units 2500 EUR in 1");
        assertThat(jdbc.queryForObject("select count(*) from analytics_order_line where order_id = ?",
                Long.class, first)).as("lines are no longer needed").isZero();
    }

    @Test
    void redeliveredEventIsCountedOnce() {
        var cartId = UUID.randomUUID().toString();
        var orderId = UUID.randomUUID().toString();
        var created = at(new CartCreated(cartId, "customer-1"), morning);
        var added = at(new ItemAddedToCart(cartId, mug, 2, MUG), morning);
        var checkedOut = at(new CartCheckedOut(cartId, "customer-1", orderId, List.of(new CartLine(mug, 2, MUG))),
                morning);
        var placed = at(placed(orderId, new OrderLine(mug, 2, MUG)), morning);
        var confirmed = at(new OrderConfirmed(orderId, "pay-1"), morning);
        var cancelled = at(new OrderCancelled(orderId, "CUSTOMER_REQUEST"), morning.plusSeconds(60));

        given(created, added, created, added, checkedOut, added, placed, placed, confirmed, confirmed);
        assertThat(hourly(mug)).containsExactly(hour(morning) + " 2 units 2500 EUR in 1");
        assertThat(funnel(morning)).isEqualTo(steps(1, 1, 1, 1, 1));

        given(cancelled, confirmed, cancelled);
        assertThat(hourly(mug)).isEmpty();
        assertThat(funnel(morning)).isEqualTo(steps(1, 1, 1, 1, 1));
    }

    // --- funnel

    @Test
    void funnelCountsEachStepOnTheDayItHappened() {
        var nextDay = morning.plus(Duration.ofDays(1));
        var browsing = UUID.randomUUID().toString();
        var buying = UUID.randomUUID().toString();
        given(at(new CartCreated(browsing, "customer-1"), morning),
                at(new CartCreated(buying, "customer-2"), morning),
                at(new ItemAddedToCart(buying, mug, 1, MUG), morning),
                at(new CartCheckedOut(buying, "customer-2", "order-" + buying, List.of(new CartLine(mug, 1, MUG))),
                        nextDay),
                at(placed("order-" + buying, new OrderLine(mug, 1, MUG)), nextDay),
                at(new OrderConfirmed("order-" + buying, "pay-1"), nextDay));

        assertThat(funnel(morning)).isEqualTo(steps(2, 1, 0, 0, 0));
        assertThat(funnel(nextDay)).isEqualTo(steps(0, 0, 1, 1, 1));
    }

    @Test
    void aCartHasItemsOnceHoweverOftenItIsFilled() {
        var cartId = UUID.randomUUID().toString();
        given(at(new CartCreated(cartId, "customer-1"), morning),
                at(new ItemAddedToCart(cartId, mug, 1, MUG), morning),
                at(new ItemRemovedFromCart(cartId, mug), morning),
                at(new ItemAddedToCart(cartId, plate, 1, PLATE), morning));

        assertThat(funnel(morning)).isEqualTo(steps(1, 1, 0, 0, 0));
    }

    // --- abandoned carts

    @Test
    void aCartWithItemsLeftAloneIsAbandonedWithItsLastActivityAndValue() {
        var customer = UUID.randomUUID().toString();
        var cartId = UUID.randomUUID().toString();
        given(at(new CartCreated(cartId, customer), morning),
                at(new ItemAddedToCart(cartId, mug, 1, MUG), morning),
                at(new ItemAddedToCart(cartId, plate, 2, PLATE), morning.plusSeconds(60)),
                at(new ItemQuantityChanged(cartId, mug, 3), morning.plusSeconds(120)));

        assertThat(abandonedBefore(morning.plus(Duration.ofHours(1)), customer))
                .containsExactly(cartId + " 5 units 5550 EUR since 09:12");
        assertThat(abandonedBefore(morning.plusSeconds(60), customer)).as("active since").isEmpty();
    }

    @Test
    void checkedOutCartIsNoLongerAbandoned() {
        var customer = UUID.randomUUID().toString();
        var cartId = UUID.randomUUID().toString();
        given(at(new CartCreated(cartId, customer), morning), at(new ItemAddedToCart(cartId, mug, 1, MUG), morning));
        assertThat(abandonedBefore(morning.plus(Duration.ofDays(2)), customer)).hasSize(1);

        given(at(new CartCheckedOut(cartId, customer, first, List.of(new CartLine(mug, 1, MUG))),
                morning.plus(Duration.ofDays(1))));

        assertThat(abandonedBefore(morning.plus(Duration.ofDays(2)), customer)).isEmpty();
    }

    @Test
    void anEmptiedOrNeverFilledCartIsNotAbandoned() {
        var customer = UUID.randomUUID().toString();
        var emptied = UUID.randomUUID().toString();
        given(at(new CartCreated(emptied, customer), morning), at(new ItemAddedToCart(emptied, mug, 1, MUG), morning),
                at(new ItemRemovedFromCart(emptied, mug), morning),
                at(new CartCreated(UUID.randomUUID().toString(), customer), morning));

        assertThat(abandonedBefore(morning.plus(Duration.ofDays(2)), customer)).isEmpty();
    }

    // --- rebuild

    @Test
    void aResetForgetsEverythingSoThatAReplayCountsFromScratch() {
        var orderId = UUID.randomUUID().toString();
        var placed = at(placed(orderId, new OrderLine(mug, 2, MUG)), morning);
        var confirmed = at(new OrderConfirmed(orderId, "pay-1"), morning);
        given(placed, confirmed);

        projection.reset();
        assertThat(hourly(mug)).isEmpty();
        given(placed, confirmed);

        assertThat(hourly(mug)).containsExactly(hour(morning) + " 2 units 2500 EUR in 1");
        assertThat(funnel(morning)).isEqualTo(steps(0, 0, 0, 1, 1));
    }
}
