package io.emporium.bench.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void theRatioDividesTheFigureByItsBaseline() {
        var comparison = new Comparison.Apart(Spread.of(400, 500, 600), Spread.of(800, 1000, 1200));

        assertThat(comparison.ratio()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void theRatiosRangeCombinesTheNoiseOfBothSides() {
        var comparison = new Comparison.Apart(Spread.of(400, 500, 600), Spread.of(800, 1000, 1200));

        assertThat(comparison.lowest()).isCloseTo(400.0 / 1200, within(1e-9));
        assertThat(comparison.highest()).isCloseTo(600.0 / 800, within(1e-9));
    }

    @Test
    void aBaselineMeasuredBesideEachRepetitionDividesThatRepetitionAlone() {
        var comparison = new Comparison.Beside(Spread.of(400, 700, 500), Spread.of(800, 1000, 1000));

        assertThat(comparison.ratios().values()).containsExactly(0.5, 0.7, 0.5);
        assertThat(comparison.ratio()).isCloseTo(0.5, within(1e-9));
        assertThat(comparison.lowest()).isCloseTo(0.5, within(1e-9));
        assertThat(comparison.highest()).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void aSlowSpellThatSlowsBothSidesOfAPairLeavesItsRatio() {
        var apart = new Comparison.Apart(Spread.of(600, 300, 600), Spread.of(1000, 500, 1000));
        var beside = new Comparison.Beside(Spread.of(600, 300, 600), Spread.of(1000, 500, 1000));

        assertThat(apart.lowest()).isCloseTo(0.3, within(1e-9));
        assertThat(beside.lowest()).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void refusesBaselinesThatDoNotPairWithTheRepetitions() {
        assertThatThrownBy(() -> new Comparison.Beside(Spread.of(1, 2, 3), Spread.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
