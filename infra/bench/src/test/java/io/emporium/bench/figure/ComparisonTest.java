package io.emporium.bench.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void theRatioDividesTheFigureByItsBaseline() {
        var comparison = new Comparison(Spread.of(400, 500, 600), Spread.of(800, 1000, 1200));

        assertThat(comparison.ratio()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void theRatiosRangeCombinesTheNoiseOfBothSides() {
        var comparison = new Comparison(Spread.of(400, 500, 600), Spread.of(800, 1000, 1200));

        assertThat(comparison.lowest()).isCloseTo(400.0 / 1200, within(1e-9));
        assertThat(comparison.highest()).isCloseTo(600.0 / 800, within(1e-9));
    }
}
