package io.emporium.contracts.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** What analysts ask of the shop's history. Days are UTC days; a sale counts when its order was confirmed. */
public sealed interface AnalyticsQuery {

    /**
     * What sold in each hour or day from {@code from} (inclusive) to {@code to} (exclusive)? For one SKU, or, without
     * one, for the {@code limit} products that sold the most units in that range.
     */
    record FindSales(SalesPeriod period, @Nullable String sku, Instant from, Instant to, int limit)
            implements AnalyticsQuery {}

    /** How many carts and orders reached each step of the funnel on each day from {@code from} to {@code to}? */
    record FindFunnel(LocalDate from, LocalDate to) implements AnalyticsQuery {}

    /**
     * Which carts hold items but saw no activity for at least {@code olderThan} before {@code asOf}, most recently
     * active first?
     *
     * @param page zero-based
     */
    record FindAbandonedCarts(Duration olderThan, Instant asOf, int page, int size) implements AnalyticsQuery {}

    /** The width of a sales bucket. */
    enum SalesPeriod {
        HOUR, DAY
    }
}
