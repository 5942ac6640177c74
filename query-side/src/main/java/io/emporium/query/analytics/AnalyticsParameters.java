package io.emporium.query.analytics;

import static io.emporium.query.QueryParameters.integer;

import io.emporium.contracts.analytics.AnalyticsQuery.FindAbandonedCarts;
import io.emporium.contracts.analytics.AnalyticsQuery.FindFunnel;
import io.emporium.contracts.analytics.AnalyticsQuery.FindSales;
import io.emporium.contracts.analytics.AnalyticsQuery.SalesPeriod;
import io.emporium.query.InvalidQueryParameterException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The analytics parameters as clients send them, checked and turned into queries. Ranges are bounded so that no
 * request scans more than a month of hours or a year of days.
 */
final class AnalyticsParameters {

    static final int MAX_HOURS = 31 * 24;
    static final int MAX_DAYS = 366;
    private static final int DEFAULT_HOURS = 24;
    private static final int DEFAULT_DAYS = 30;
    private static final int DEFAULT_TOP = 10;
    private static final int MAX_TOP = 100;
    private static final int MAX_SKU = 255;
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_PAGE = 10_000;
    private static final Duration LONGEST_INACTIVITY = Duration.ofDays(365);
    /** Years a shop's history can span; beyond them dates overflow the database's types, not just the shop's. */
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 30);

    private AnalyticsParameters() {}

    /**
     * @param from an instant with offset, inclusive; by default 24 hours before {@code to}
     * @param to   an instant with offset, exclusive; by default the end of the current hour
     */
    static FindSales hourly(@Nullable String sku, @Nullable String from, @Nullable String to, @Nullable String limit,
                            Instant now) {
        var end = instant("to", to, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
        var start = instant("from", from, end.minus(Duration.ofHours(DEFAULT_HOURS)));
        if (!start.isBefore(end)) {
            throw new InvalidQueryParameterException("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(Duration.ofHours(MAX_HOURS)) > 0) {
            throw new InvalidQueryParameterException("from", "must be at most " + MAX_HOURS + " hours before to;"
                    + " ask for daily sales over longer ranges");
        }
        return new FindSales(SalesPeriod.HOUR, sku(sku), start, end, top(limit));
    }

    /**
     * @param from a UTC day, inclusive; by default 29 days before {@code to}
     * @param to   a UTC day, inclusive; by default today
     */
    static FindSales daily(@Nullable String sku, @Nullable String from, @Nullable String to, @Nullable String limit,
                           Instant now) {
        var days = days(from, to, now);
        return new FindSales(SalesPeriod.DAY, sku(sku), days[0].atStartOfDay().toInstant(ZoneOffset.UTC),
                days[1].plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), top(limit));
    }

    /** Days as in {@link #daily}. */
    static FindFunnel funnel(@Nullable String from, @Nullable String to, Instant now) {
        var days = days(from, to, now);
        return new FindFunnel(days[0], days[1]);
    }

    /** @param olderThan an ISO-8601 duration such as PT24H or P2D; by default {@code abandonedAfter} */
    static FindAbandonedCarts abandoned(@Nullable String olderThan, @Nullable String page, @Nullable String size,
                                        Duration abandonedAfter, Instant now) {
        var inactivity = abandonedAfter;
        if (olderThan != null && !olderThan.isBlank()) {
            try {
                inactivity = Duration.parse(olderThan.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidQueryParameterException("olderThan", "must be an ISO-8601 duration such as PT24H");
            }
        }
        if (inactivity.isNegative() || inactivity.compareTo(LONGEST_INACTIVITY) > 0) {
            throw new InvalidQueryParameterException("olderThan", "must be between PT0S and P365D");
        }
        return new FindAbandonedCarts(inactivity, now, integer("page", page, 0, 0, MAX_PAGE),
                integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
    }

    private static LocalDate[] days(@Nullable String from, @Nullable String to, Instant now) {
        var last = date("to", to, LocalDate.ofInstant(now, ZoneOffset.UTC));
        var first = date("from", from, last.minusDays(DEFAULT_DAYS - 1));
        if (last.isBefore(first)) {
            throw new InvalidQueryParameterException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidQueryParameterException("from", "must be at most " + MAX_DAYS + " days before to");
        }
        return new LocalDate[] {first, last};
    }

    private static @Nullable String sku(@Nullable String sku) {
        if (sku == null || sku.isBlank()) {
            return null;
        }
        var given = sku.strip();
        if (given.length() > MAX_SKU) {
            throw new InvalidQueryParameterException("sku", "must be at most " + MAX_SKU + " characters");
        }
        return given;
    }

    private static int top(@Nullable String limit) {
        return integer("limit", limit, DEFAULT_TOP, 1, MAX_TOP);
    }

    private static Instant instant(String name, @Nullable String value, Instant absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQueryParameterException(name,
                    "must be an ISO-8601 time with offset, e.g. 2026-05-01T12:00:00Z");
        }
        within(name, LocalDate.ofInstant(instant, ZoneOffset.UTC));
        return instant;
    }

    private static LocalDate date(String name, @Nullable String value, LocalDate absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidQueryParameterException(name, "must be a day such as 2026-05-01");
        }
        return within(name, date);
    }

    private static LocalDate within(String name, LocalDate date) {
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new InvalidQueryParameterException(name, "must be between " + EARLIEST + " and " + LATEST);
        }
        return date;
    }
}
