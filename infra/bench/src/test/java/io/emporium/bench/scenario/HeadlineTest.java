package io.emporium.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.figure.Target;
import org.junit.jupiter.api.Test;

class HeadlineTest {

    @Test
    void eachRoundIsStatedBesideItsOwnBaselineInTheOrderMeasured() {
        var pages = new Headline("Cached product page, closed loop, 64 users", "requests/s",
                Spread.of(16_137, 11_530, 14_093), Baseline.BARE_WEBFLUX, new Target.AtLeastRatio(0.5, 4),
                Spread.of(32_274, 19_217, 38_000));

        assertThat(pages.byRound("the bare endpoint", "requests/s")).isEqualTo("Cached product page, closed loop, "
                + "64 users, by round, against the bare endpoint beside it: 16,137 / 11,530 / 14,093 requests/s over "
                + "32,274 / 19,217 / 38,000 requests/s = 0.50 / 0.60 / 0.37×.");
    }

    @Test
    void aFigureWithoutBaselinesBesideItsRoundsHasNoPairsToState() {
        var apart = new Headline("Bare WebFlux endpoint, 64 users", "requests/s", Spread.of(38_485),
                Baseline.BARE_WEBFLUX, null);

        assertThatNullPointerException().isThrownBy(() -> apart.byRound("the bare endpoint", "requests/s"))
                .withMessageContaining("has no baseline measured beside its rounds");
    }
}
