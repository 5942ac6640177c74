package io.emporium.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emporium.contracts.analytics.AnalyticsQuery.FindAbandonedCarts;
import io.emporium.contracts.analytics.AnalyticsQuery.FindFunnel;
import io.emporium.contracts.analytics.AnalyticsQuery.FindSales;
import io.emporium.contracts.analytics.AnalyticsQuery.SalesPeriod;
import io.emporium.query.InvalidQueryParameterException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AnalyticsParametersTest {

    private static final Instant NOW = Instant.parse("2026-05-14T10:20:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void withoutParametersHourlySalesCoverTheLast24HoursUpToTheEndOfThisHour() {
        assertThat(AnalyticsParameters.hourly(null, null, null, null, NOW)).isEqualTo(new FindSales(SalesPeriod.HOUR,
                null, Instant.parse("2026-05-13T11:00:00Z"), Instant.parse("2026-05-14T11:00:00Z"), 10));
    }

    @Test
    void dailySalesRunFromTheStartOfTheFirstDayToTheEndOfTheLast() {
        assertThat(AnalyticsParameters.daily(" MUG ", "2026-05-01", "2026-05-03", "5", NOW)).isEqualTo(
                new FindSales(SalesPeriod.DAY, "MUG", Instant.parse("2026-05-01T00:00:00Z"),
                        Instant.parse("2026-05-04T00:00:00Z"), 5));
    }

    @Test
    void timesWithAnOffsetAreReadAsTheInstantTheyName() {
        assertThat(AnalyticsParameters.hourly("MUG", "2026-05-01T12:00:00+02:00", "2026-05-01T13:00:00Z", null, NOW)
                .from()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
    }

    @Test
    void withoutParametersTheFunnelCoversTheLast30DaysIncludingToday() {
        assertThat(AnalyticsParameters.funnel(null, null, NOW))
                .isEqualTo(new FindFunnel(LocalDate.parse("2026-04-15"), LocalDate.parse("2026-05-14")));
    }

    @Test
    void abandonedCartsAreThoseInactiveForTheConfiguredPeriodUnlessAskedOtherwise() {
        assertThat(AnalyticsParameters.abandoned(null, null, null, DAY, NOW))
                .isEqualTo(new FindAbandonedCarts(DAY, NOW, 0, 20));
        assertThat(AnalyticsParameters.abandoned("PT2H", "3", "50", DAY, NOW))
                .isEqualTo(new FindAbandonedCarts(Duration.ofHours(2), NOW, 3, 50));
    }

    @Test
    void eachWrongParameterIsNamed() {
        assertNamed("from", () -> AnalyticsParameters.hourly(null, "yesterday", null, null, NOW));
        assertNamed("to", () -> AnalyticsParameters.hourly(null, null, "2026-05-14T10:00:00", null, NOW));
        assertNamed("to", () -> AnalyticsParameters.hourly(null, "2026-05-14T10:00:00Z", "2026-05-14T10:00:00Z", null,
                NOW));
        assertNamed("from", () -> AnalyticsParameters.hourly(null, "2026-01-01T00:00:00Z", null, null, NOW));
        assertNamed("from", () -> AnalyticsParameters.hourly(null, "+999999999-01-01T00:00:00Z", null, null, NOW));
        assertNamed("limit", () -> AnalyticsParameters.hourly(null, null, null, "0", NOW));
        assertNamed("limit", () -> AnalyticsParameters.daily(null, null, null, "many", NOW));
        assertNamed("sku", () -> AnalyticsParameters.daily("x".repeat(256), null, null, null, NOW));
        assertNamed("to", () -> AnalyticsParameters.daily(null, "2026-05-02", "2026-05-01", null, NOW));
        assertNamed("to", () -> AnalyticsParameters.funnel(null, "+999999999-12-31", NOW));
        assertNamed("from", () -> AnalyticsParameters.funnel("2024-01-01", "2026-01-01", NOW));
        assertNamed("from", () -> AnalyticsParameters.funnel("2026-13-01", null, NOW));
        assertNamed("olderThan", () -> AnalyticsParameters.abandoned("24h", null, null, DAY, NOW));
        assertNamed("olderThan", () -> AnalyticsParameters.abandoned("-PT1H", null, null, DAY, NOW));
        assertNamed("olderThan", () -> AnalyticsParameters.abandoned("P400D", null, null, DAY, NOW));
        assertNamed("page", () -> AnalyticsParameters.abandoned(null, "-1", null, DAY, NOW));
        assertNamed("size", () -> AnalyticsParameters.abandoned(null, null, "101", DAY, NOW));
    }

    private static void assertNamed(String parameter, Runnable parse) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidQueryParameterException.class,
                e -> assertThat(e.parameter()).isEqualTo(parameter));
    }
}
