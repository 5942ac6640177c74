package io.emporium.bench.figure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void largeNumbersAreGroupedAndSmallOnesKeepThreeSignificantDigits() {
        assertThat(Formats.number(8613.4)).isEqualTo("8,613");
        assertThat(Formats.number(412)).isEqualTo("412");
        assertThat(Formats.number(12.34)).isEqualTo("12.3");
        assertThat(Formats.number(1.234)).isEqualTo("1.23");
        assertThat(Formats.number(0.4123)).isEqualTo("0.412");
    }

    @Test
    void aSpreadShowsItsMedianRangeAndHalfTheRangeAsNoise() {
        assertThat(Formats.spread(Spread.of(900, 1000, 1100))).isEqualTo("1,000 (900–1,100, ±10.0 %)");
    }

    @Test
    void oneRepetitionShowsOnlyItsValue() {
        assertThat(Formats.spread(Spread.of(42))).isEqualTo("42.0");
    }

    @Test
    void smallRatiosKeepThreeDecimals() {
        assertThat(Formats.ratio(0.6)).isEqualTo("0.60");
        assertThat(Formats.ratio(0.0123)).isEqualTo("0.012");
    }

    @Test
    void wholeSecondsShowNoDecimalsAndPartsOfASecondShowTheirDigits() {
        assertThat(Formats.seconds(java.time.Duration.ofSeconds(5))).isEqualTo("5");
        assertThat(Formats.seconds(java.time.Duration.ofMillis(500))).isEqualTo("0.500");
        assertThat(Formats.seconds(java.time.Duration.ofMillis(1500))).isEqualTo("1.50");
    }
}
