package io.emporium.query.analytics;

import io.emporium.contracts.analytics.AbandonedCarts;
import io.emporium.contracts.analytics.ConversionFunnel;
import io.emporium.contracts.analytics.SalesReport;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What analysts read: sales per product and hour or UTC day, the cart-to-order funnel, and abandoned carts. A sale
 * counts when its order is confirmed and is taken back if the order is cancelled later. Parameters arrive as text and
 * are checked here, so that a wrong one is a problem that names it.
 */
@RestController
class AnalyticsQueryApi {

    private final AnalyticsViews views;
    private final AnalyticsProperties properties;
    private final Clock clock;

    AnalyticsQueryApi(AnalyticsViews views, AnalyticsProperties properties, ObjectProvider<Clock> clock) {
        this.views = views;
        this.properties = properties;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /**
     * Sales per hour from {@code from} (inclusive) to {@code to} (exclusive), ISO-8601 times with offset, at most 31
     * days apart; by default the last 24 hours. For one {@code sku}, or the {@code limit} best-selling products.
     */
    @GetMapping("/analytics/sales/hourly")
    Mono<SalesReport> hourly(@RequestParam(required = false) @Nullable String sku,
                             @RequestParam(required = false) @Nullable String from,
                             @RequestParam(required = false) @Nullable String to,
                             @RequestParam(required = false) @Nullable String limit) {
        return Mono.defer(() -> views.answer(AnalyticsParameters.hourly(sku, from, to, limit, clock.instant())));
    }

    /**
     * Sales per UTC day from {@code from} to {@code to} (days such as 2026-05-01, both inclusive, at most 366);
     * by default the last 30 days. For one {@code sku}, or the {@code limit} best-selling products.
     */
    @GetMapping("/analytics/sales/daily")
    Mono<SalesReport> daily(@RequestParam(required = false) @Nullable String sku,
                            @RequestParam(required = false) @Nullable String from,
                            @RequestParam(required = false) @Nullable String to,
                            @RequestParam(required = false) @Nullable String limit) {
        return Mono.defer(() -> views.answer(AnalyticsParameters.daily(sku, from, to, limit, clock.instant())));
    }

    /** The funnel per UTC day from {@code from} to {@code to}, both inclusive, at most 366 days; by default 30. */
    @GetMapping("/analytics/funnel")
    Mono<ConversionFunnel> funnel(@RequestParam(required = false) @Nullable String from,
                                  @RequestParam(required = false) @Nullable String to) {
        return Mono.defer(() -> views.answer(AnalyticsParameters.funnel(from, to, clock.instant())));
    }

    /**
     * Carts with items, not checked out, untouched for at least {@code olderThan} (ISO-8601, e.g. PT24H; by default
     * {@code emporium.analytics.abandoned-after}), most recently active first.
     */
    @GetMapping("/analytics/abandoned-carts")
    Mono<AbandonedCarts> abandonedCarts(@RequestParam(required = false) @Nullable String olderThan,
                                        @RequestParam(required = false) @Nullable String page,
                                        @RequestParam(required = false) @Nullable String size) {
        return Mono.defer(() -> views.answer(AnalyticsParameters.abandoned(olderThan, page, size,
                properties.abandonedAfter(), clock.instant())));
    }
}
