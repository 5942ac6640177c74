package io.emporium.projections.analytics;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderLine;
import io.emporium.projections.BatchState;
import io.emporium.projections.rebuild.WrittenVersion;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every write to the analytics tables (migration V13) of one version N, {@code analytics_…_vN}, which readers see
 * through views of the plain names (V15, {@link AnalyticsRebuild}); in the processor's transaction. The only class
 * that names them on the write side. Hours and days are cut in UTC here, not by the database session's time zone.
 *
 * <p>The counters that many events add to (the funnel's days, the sales of an hour and a day) are added up in memory
 * for the processor's batch and written as it is about to commit, one statement per table: each event wrote its own
 * upserts before, about 5 per order at 80 orders/s. A batch that fails takes its sums with it, as its transaction.
 */
@Component
class AnalyticsTables {

    /** Every analytics table, as statements below name them (longer names first, so no name matches inside another). */
    static final List<String> TABLES = List.of("analytics_sales_hourly", "analytics_sales_daily",
            "analytics_funnel_daily", "analytics_cart_line", "analytics_cart", "analytics_order_line",
            "analytics_order");
    private static final Pattern TABLE = Pattern.compile("\\b(" + String.join("|", TABLES) + ")\\b");

    /** A step of the conversion funnel, and the column that counts it. */
    enum FunnelStep {
        CARTS_CREATED("carts_created"),
        CARTS_WITH_ITEMS("carts_with_items"),
        CARTS_CHECKED_OUT("carts_checked_out"),
        ORDERS_PLACED("orders_placed"),
        ORDERS_CONFIRMED("orders_confirmed");

        private final String column;

        FunnelStep(String column) {
            this.column = column;
        }
    }

    /** An order as it stood before an event moved it on. */
    record TrackedOrder(String status, @Nullable Instant confirmedAt) {}

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Where this instance keeps a batch's sums: a rebuild's tables and the live ones are two instances. */
    private final String sumsKey = AnalyticsTables.class.getName() + ".sums#" + INSTANCES.incrementAndGet();

    private final JdbcTemplate jdbc;
    private final WrittenVersion<Version> version;

    /** The statements of one version: each written once with the plain names, rewritten once per version. */
    private record Version(int number, Map<String, String> statements) {
        Version(int number) {
            this(number, new ConcurrentHashMap<>());
        }

        String sql(String statement) {
            return statements.computeIfAbsent(statement,
                    plain -> TABLE.matcher(plain).replaceAll("$1_v" + number));
        }
    }

    /** Writes the serving version. */
    @Autowired
    AnalyticsTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.version = WrittenVersion.serving(jdbc, AnalyticsProjection.PROCESSOR, Version::new);
    }

    /** Writes {@code version}, as a rebuild does while that version is new. */
    AnalyticsTables(JdbcTemplate jdbc, int version) {
        this.jdbc = jdbc;
        this.version = WrittenVersion.of(jdbc, AnalyticsProjection.PROCESSOR, Version::new, version);
    }

    /** From now on writes {@code version}; called while the processor is stopped. */
    void retarget(int version) {
        this.version.retarget(version);
    }

    /** The statement for the version written. */
    private String sql(String statement) {
        return version.statements().sql(statement);
    }

    void count(FunnelStep step, Instant at) {
        add(sums -> sums.funnel.computeIfAbsent(day(at), day -> new long[FunnelStep.values().length])
                [step.ordinal()]++);
    }

    /** A product's sales in one hour or day (as the database reads it), in one currency. */
    private record Sales(String period, String sku, String currency) {
        static final Comparator<Sales> ORDER = Comparator.comparing(Sales::period).thenComparing(Sales::sku)
                .thenComparing(Sales::currency);
    }

    /** One product's part of an order. */
    private record ProductSale(String sku, String currency, long units, long revenue) {}

    /** What a batch adds to the counters: per key units, revenue and orders, or a funnel day's steps. */
    private static final class Sums {
        private final TreeMap<LocalDate, long[]> funnel = new TreeMap<>();
        private final TreeMap<Sales, long[]> hourly = new TreeMap<>(Sales.ORDER);
        private final TreeMap<Sales, long[]> daily = new TreeMap<>(Sales.ORDER);
    }

    /** Adds every step's count of a batch's days to their rows, whatever steps there are. */
    private static final String FUNNEL_UPSERT = funnelUpsert();

    private static String funnelUpsert() {
        var columns = Stream.of(FunnelStep.values()).map(step -> step.column).toList();
        return "insert into analytics_funnel_daily as f (day, " + String.join(", ", columns) + ")"
                + " select * from unnest(?::date[]" + ", ?::bigint[]".repeat(columns.size()) + ")"
                + " on conflict (day) do update set " + columns.stream()
                .map(column -> column + " = f." + column + " + excluded." + column).collect(Collectors.joining(", "));
    }

    /**
     * Adds to the sums of the batch under way, written when it is about to commit; outside a batch (a direct call)
     * the sum is written at once.
     */
    private void add(Consumer<Sums> change) {
        if (CurrentUnitOfWork.isStarted()) {
            change.accept(BatchState.of(sumsKey, Sums::new, this::write));
        } else {
            var sums = new Sums();
            change.accept(sums);
            write(sums);
        }
    }

    /** In key order, so that two writers of one table (a rebuild's and the live processor's) never wait in a circle. */
    private void write(Sums sums) {
        if (!sums.funnel.isEmpty()) {
            var days = sums.funnel.keySet().stream().map(LocalDate::toString).toArray(String[]::new);
            jdbc.update(connection -> {
                var statement = connection.prepareStatement(sql(FUNNEL_UPSERT));
                statement.setArray(1, connection.createArrayOf("text", days));
                for (var step : FunnelStep.values()) {
                    var counts = sums.funnel.values().stream().map(steps -> steps[step.ordinal()]).toArray(Long[]::new);
                    statement.setArray(2 + step.ordinal(), connection.createArrayOf("bigint", counts));
                }
                return statement;
            });
        }
        writeSales("analytics_sales_hourly", "hour", "timestamptz", sums.hourly);
        writeSales("analytics_sales_daily", "day", "date", sums.daily);
    }

    private void writeSales(String table, String period, String periodType, TreeMap<Sales, long[]> sales) {
        if (sales.isEmpty()) {
            return;
        }
        var keys = sales.keySet();
        var totals = sales.values();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(sql("""
                    insert into %1$s as s (%2$s, sku, currency, units, revenue_minor, orders)
                    select * from unnest(?::%3$s[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
                    on conflict (%2$s, sku, currency) do update
                       set units = s.units + excluded.units, revenue_minor = s.revenue_minor + excluded.revenue_minor,
                           orders = s.orders + excluded.orders
                    """.formatted(table, period, periodType)));
            statement.setArray(1, texts(connection, keys, Sales::period));
            statement.setArray(2, texts(connection, keys, Sales::sku));
            statement.setArray(3, texts(connection, keys, Sales::currency));
            for (var column = 0; column < 3; column++) {
                var at = column;
                statement.setArray(4 + column, connection.createArrayOf("bigint",
                        totals.stream().map(total -> total[at]).toArray(Long[]::new)));
            }
            return statement;
        });
    }

    private static Array texts(Connection connection, Collection<Sales> keys, Function<Sales, String> field)
            throws SQLException {
        return connection.createArrayOf("text", keys.stream().map(field).toArray(String[]::new));
    }

    /** False if the cart is known already: its creation was counted. */
    boolean cartCreated(String cartId, String customerId, Instant at, long position) {
        return jdbc.update(sql("""
                insert into analytics_cart (cart_id, customer_id, last_activity_at, position) values (?, ?, ?, ?)
                on conflict (cart_id) do nothing
                """), cartId, customerId, utc(at), position) == 1;
    }

    /** Moves the cart to the event's position and time; false if it is there or beyond already. */
    boolean advanceCart(String cartId, Instant at, long position) {
        return jdbc.update(sql("""
                update analytics_cart set position = ?, last_activity_at = ? where cart_id = ? and position < ?
                """), position, utc(at), cartId, position) == 1;
    }

    /** Adding a SKU the cart holds adds to its quantity, at the price captured now. */
    void addToCart(String cartId, String sku, int quantity, Money unitPrice, long position) {
        jdbc.update(sql("""
                insert into analytics_cart_line as l (cart_id, sku, quantity, unit_price_minor, currency, added_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (cart_id, sku) do update
                   set quantity = l.quantity + excluded.quantity, unit_price_minor = excluded.unit_price_minor,
                       currency = excluded.currency
                """), cartId, sku, quantity, unitPrice.minorUnits(), unitPrice.currency(), position);
        recount(cartId);
    }

    void changeQuantity(String cartId, String sku, int quantity) {
        jdbc.update(sql("update analytics_cart_line set quantity = ? where cart_id = ? and sku = ?"), quantity,
                cartId, sku);
        recount(cartId);
    }

    void removeFromCart(String cartId, String sku) {
        jdbc.update(sql("delete from analytics_cart_line where cart_id = ? and sku = ?"), cartId, sku);
        recount(cartId);
    }

    /** True the first time the cart receives an item, whatever happens to the item later. */
    boolean firstItems(String cartId) {
        return jdbc.update(sql("update analytics_cart set had_items = true where cart_id = ? and not had_items"),
                cartId) == 1;
    }

    /** A checked-out cart keeps its totals as they were, and needs its lines no more. */
    void checkedOut(String cartId, Instant at) {
        jdbc.update(sql("update analytics_cart set checked_out_at = ? where cart_id = ?"), utc(at), cartId);
        jdbc.update(sql("delete from analytics_cart_line where cart_id = ?"), cartId);
    }

    private void recount(String cartId) {
        jdbc.update(sql("""
                update analytics_cart c
                   set units = coalesce(l.units, 0), value_minor = coalesce(l.value_minor, 0), currency = l.currency
                  from (select sum(quantity)::bigint as units, sum(quantity * unit_price_minor)::bigint as value_minor,
                               min(currency) as currency
                          from analytics_cart_line where cart_id = ?) l
                 where c.cart_id = ?
                """), cartId, cartId);
    }

    /** Keeps the order's lines until it can no longer be cancelled; false if the order is known already. */
    boolean orderPlaced(String orderId, List<OrderLine> lines, long position) {
        if (jdbc.update(sql("""
                insert into analytics_order (order_id, status, position) values (?, 'PLACED', ?)
                on conflict (order_id) do nothing
                """), orderId, position) == 0) {
            return false;
        }
        jdbc.batchUpdate(sql("""
                insert into analytics_order_line (order_id, line_no, sku, quantity, unit_price_minor, currency)
                values (?, ?, ?, ?, ?, ?)
                """), IntStream.range(0, lines.size()).mapToObj(i -> {
                    var line = lines.get(i);
                    return new Object[] {orderId, i, line.sku(), line.quantity(), line.unitPrice().minorUnits(),
                            line.unitPrice().currency()};
                }).toList());
        return true;
    }

    /**
     * Moves the order to a status at the event's position.
     *
     * @return the order as it was, or null if the event was applied already or the order was never placed
     */
    @Nullable TrackedOrder moveOrder(String orderId, String status, long position) {
        return moveOrder(orderId, status, position, null);
    }

    /**
     * Moves a placed order to CONFIRMED at the event's position, and records when: in the same statement.
     *
     * @return the order as it was, or null if the event was applied already or the order was never placed
     */
    @Nullable TrackedOrder confirm(String orderId, long position, Instant at) {
        return moveOrder(orderId, "CONFIRMED", position, utc(at));
    }

    private @Nullable TrackedOrder moveOrder(String orderId, String status, long position,
                                             @Nullable OffsetDateTime confirmedAt) {
        return jdbc.query(sql("""
                update analytics_order o
                   set status = ?, position = ?,
                       confirmed_at = case when before.status = 'PLACED' then coalesce(?::timestamptz, o.confirmed_at)
                                           else o.confirmed_at end
                  from (select order_id, status, confirmed_at from analytics_order
                         where order_id = ? and position < ? for update) before
                 where o.order_id = before.order_id
                returning before.status, before.confirmed_at
                """), (rows, i) -> {
            var before = rows.getTimestamp("confirmed_at");
            return new TrackedOrder(rows.getString("status"), before == null ? null : before.toInstant());
        }, status, position, confirmedAt, orderId, position).stream().findFirst().orElse(null);
    }

    /**
     * Adds the order's lines to the sales of the hour and day it was confirmed in, or with {@code sign} -1 takes
     * them back. Each product counts the order once, however many lines it had.
     */
    void addSales(String orderId, Instant confirmedAt, int sign) {
        var hour = utc(confirmedAt.truncatedTo(ChronoUnit.HOURS)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        var day = day(confirmedAt).toString();
        var products = jdbc.query(sql("""
                select sku, currency, sum(quantity)::bigint as units,
                       sum(quantity * unit_price_minor)::bigint as revenue
                  from analytics_order_line where order_id = ? group by sku, currency
                """), (rows, i) -> new ProductSale(rows.getString("sku"), rows.getString("currency"),
                        rows.getLong("units"), rows.getLong("revenue")), orderId);
        add(sums -> products.forEach(product -> {
            for (var period : List.of(sums.hourly.computeIfAbsent(new Sales(hour, product.sku(), product.currency()),
                            key -> new long[3]),
                    sums.daily.computeIfAbsent(new Sales(day, product.sku(), product.currency()),
                            key -> new long[3]))) {
                period[0] += sign * product.units();
                period[1] += sign * product.revenue();
                period[2] += sign;
            }
        }));
    }

    /** An order that can no longer be cancelled needs its lines no more. */
    void forgetLines(String orderId) {
        jdbc.update(sql("delete from analytics_order_line where order_id = ?"), orderId);
    }

    /** Empties every analytics table, for a replay from the first event. */
    void truncate() {
        jdbc.execute(sql("""
                truncate analytics_sales_hourly, analytics_sales_daily, analytics_funnel_daily, analytics_cart_line,
                         analytics_cart, analytics_order_line, analytics_order
                """));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
