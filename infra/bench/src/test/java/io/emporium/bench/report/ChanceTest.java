package io.emporium.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChanceTest {

    @Test
    void threeRepetitionsARunMissOneUnchangedFigureInFive() {
        assertThat(Chance.ofMiss(3, 3)).hasValueCloseTo(4.0 / 20, within(1e-12));
    }

    @Test
    void fiveRepetitionsARunMissOneUnchangedFigureInTwentyOne() {
        assertThat(Chance.ofMiss(5, 5)).hasValueCloseTo(12.0 / 252, within(1e-12));
        assertThat(Chance.ofMiss(7, 7)).hasValueCloseTo(40.0 / 3432, within(1e-12));
    }

    @Test
    void runsOfOneRepetitionAlwaysMissUnlessTheyTie() {
        assertThat(Chance.ofMiss(1, 1)).hasValueCloseTo(1.0, within(1e-12));
    }

    @Test
    void runsOfDifferentLengthsAreComparedByTheOrdersOfAllTheirValues() {
        // 3 against 5 lies between 3 against 3 and 5 against 5.
        var mixed = Chance.ofMiss(3, 5).orElseThrow();
        assertThat(mixed).isEqualTo(Chance.ofMiss(5, 3).orElseThrow())
                .isLessThan(Chance.ofMiss(3, 3).orElseThrow())
                .isGreaterThan(Chance.ofMiss(5, 5).orElseThrow());
    }

    @Test
    void anEvenNumberOfRepetitionsLeavesTheChanceUnknown() {
        assertThat(Chance.ofMiss(2, 2)).isEmpty();
        assertThat(Chance.ofMiss(5, 4)).isEmpty();
    }

    @Test
    void chanceAloneMissesAtMostFourOfThirtyFiguresInNineteenRerunsOfTwenty() {
        // Binomial(30, 12/252): P(at most 3) = 0.949, P(at most 4) = 0.988.
        assertThat(Chance.upper95(30, 12.0 / 252)).isEqualTo(4);
        assertThat(Chance.upper95(30, 0)).isZero();
        assertThat(Chance.upper95(30, 1)).isEqualTo(30);
    }
}
