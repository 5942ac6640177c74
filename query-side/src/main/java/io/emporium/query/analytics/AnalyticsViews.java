package io.emporium.query.analytics;

import io.emporium.contracts.analytics.AbandonedCarts;
import io.emporium.contracts.analytics.AnalyticsQuery.FindAbandonedCarts;
import io.emporium.contracts.analytics.AnalyticsQuery.FindFunnel;
import io.emporium.contracts.analytics.AnalyticsQuery.FindSales;
import io.emporium.contracts.analytics.AnalyticsQuery.SalesPeriod;
import io.emporium.contracts.analytics.ConversionFunnel;
import io.emporium.contracts.analytics.SalesReport;
import io.emporium.contracts.cart.CartLine;
import io.emporium.contracts.money.Money;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the analytics tables (written by the analytics projection, migration V13) without blocking. */
@Component
class AnalyticsViews {

    /**
     * The products that sold most in the range, each with its buckets, in one round trip. {@code %1$s} is the table,
     * {@code %2$s} its bucket column, {@code %3$s} the bucket's start in epoch seconds, {@code %4$s} the SKU filter.
     */
    private static final String SALES = """
            with top as (
                select sku, currency, sum(units)::bigint as units, sum(revenue_minor)::bigint as revenue,
                       sum(orders)::bigint as orders
                  from %1$s where %2$s >= :from and %2$s < :to %4$s
                 group by sku, currency
                having sum(orders) > 0
                 order by units desc, revenue desc, sku, currency
                 limit :limit)
            select t.sku, t.currency, t.units, t.revenue, t.orders,
                   coalesce((select json_agg(json_build_object('start', %3$s, 'units', s.units,
                                                               'revenue', s.revenue_minor, 'orders', s.orders)
                                             order by s.%2$s)
                               from %1$s s
                              where s.sku = t.sku and s.currency = t.currency and s.%2$s >= :from and s.%2$s < :to
                                and s.orders > 0), '[]'::json)::text as buckets
              from top t
             order by t.units desc, t.revenue desc, t.sku, t.currency
            """;

    private final DatabaseClient db;
    private final JsonMapper json;

    AnalyticsViews(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<SalesReport> answer(FindSales query) {
        var hourly = query.period() == SalesPeriod.HOUR;
        var sql = SALES.formatted(hourly ? "analytics_sales_hourly" : "analytics_sales_daily", hourly ? "hour" : "day",
                hourly ? "extract(epoch from s.hour)::bigint" : "(s.day - date '1970-01-01')::bigint * 86400",
                query.sku() == null ? "" : "and sku = :sku");
        var spec = db.sql(sql).bind("limit", query.limit());
        spec = hourly
                ? spec.bind("from", query.from().atOffset(ZoneOffset.UTC))
                        .bind("to", query.to().atOffset(ZoneOffset.UTC))
                : spec.bind("from", LocalDate.ofInstant(query.from(), ZoneOffset.UTC))
                        .bind("to", LocalDate.ofInstant(query.to(), ZoneOffset.UTC));
        if (query.sku() != null) {
            spec = spec.bind("sku", query.sku());
        }
        return spec.map((row, metadata) -> productSales(row)).all().collectList()
                .map(products -> new SalesReport(query.period().name(), query.from(), query.to(), products));
    }

    /** Every day of the range, with zeros where nothing happened. */
    Mono<ConversionFunnel> answer(FindFunnel query) {
        return db.sql("""
                        select d.day, coalesce(f.carts_created, 0) as carts_created,
                               coalesce(f.carts_with_items, 0) as carts_with_items,
                               coalesce(f.carts_checked_out, 0) as carts_checked_out,
                               coalesce(f.orders_placed, 0) as orders_placed,
                               coalesce(f.orders_confirmed, 0) as orders_confirmed
                          from (select cast(:from as date) + n as day from generate_series(0, :days) as n) d
                          left join analytics_funnel_daily f on f.day = d.day
                         order by d.day
                        """)
                .bind("from", query.from())
                .bind("days", (int) ChronoUnit.DAYS.between(query.from(), query.to()))
                .map((row, metadata) -> new ConversionFunnel.Day(
                        Objects.requireNonNull(row.get("day", LocalDate.class)),
                        new ConversionFunnel.Steps(count(row, "carts_created"), count(row, "carts_with_items"),
                                count(row, "carts_checked_out"), count(row, "orders_placed"),
                                count(row, "orders_confirmed"))))
                .all()
                .collectList()
                .map(days -> new ConversionFunnel(query.from(), query.to(), total(days), days));
    }

    /** One page, most recently active first; one row more than asked tells whether a further page exists. */
    Mono<AbandonedCarts> answer(FindAbandonedCarts query) {
        return db.sql("""
                        select c.cart_id, c.customer_id, c.last_activity_at, c.value_minor, c.currency,
                               coalesce((select json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity,
                                                                           'minor', l.unit_price_minor,
                                                                           'currency', l.currency)
                                                         order by l.added_at, l.sku)
                                           from analytics_cart_line l where l.cart_id = c.cart_id),
                                        '[]'::json)::text as lines
                          from analytics_cart c
                         where c.checked_out_at is null and c.units > 0 and c.last_activity_at <= :cutoff
                         order by c.last_activity_at desc, c.cart_id
                         limit :limit offset :offset
                        """)
                .bind("cutoff", query.asOf().minus(query.olderThan()).atOffset(ZoneOffset.UTC))
                .bind("limit", query.size() + 1)
                .bind("offset", (long) query.page() * query.size())
                .map((row, metadata) -> abandonedCart(row))
                .all()
                .collectList()
                .map(carts -> new AbandonedCarts(query.olderThan().toString(), query.asOf(), query.page(),
                        query.size(), carts.subList(0, Math.min(carts.size(), query.size())),
                        carts.size() > query.size()));
    }

    private SalesReport.ProductSales productSales(Readable row) {
        var currency = string(row, "currency");
        var buckets = new ArrayList<SalesReport.Bucket>();
        for (JsonNode bucket : json.readTree(string(row, "buckets"))) {
            buckets.add(new SalesReport.Bucket(Instant.ofEpochSecond(bucket.get("start").asLong()),
                    bucket.get("units").asLong(), Money.of(bucket.get("revenue").asLong(), currency),
                    bucket.get("orders").asLong()));
        }
        return new SalesReport.ProductSales(string(row, "sku"), count(row, "units"),
                Money.of(count(row, "revenue"), currency), count(row, "orders"), buckets);
    }

    private AbandonedCarts.Cart abandonedCart(Readable row) {
        var items = new ArrayList<CartLine>();
        for (JsonNode line : json.readTree(string(row, "lines"))) {
            items.add(new CartLine(line.get("sku").asString(), line.get("quantity").asInt(),
                    Money.of(line.get("minor").asLong(), line.get("currency").asString())));
        }
        return new AbandonedCarts.Cart(string(row, "cart_id"), string(row, "customer_id"),
                Objects.requireNonNull(row.get("last_activity_at", OffsetDateTime.class)).toInstant(), items,
                Money.of(count(row, "value_minor"), string(row, "currency")));
    }

    private static ConversionFunnel.Steps total(List<ConversionFunnel.Day> days) {
        return days.stream().map(ConversionFunnel.Day::steps).reduce(new ConversionFunnel.Steps(0, 0, 0, 0, 0),
                (sum, day) -> new ConversionFunnel.Steps(sum.cartsCreated() + day.cartsCreated(),
                        sum.cartsWithItems() + day.cartsWithItems(), sum.cartsCheckedOut() + day.cartsCheckedOut(),
                        sum.ordersPlaced() + day.ordersPlaced(), sum.ordersConfirmed() + day.ordersConfirmed()));
    }

    private static String string(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, String.class)).strip();
    }

    private static long count(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, Long.class));
    }
}
