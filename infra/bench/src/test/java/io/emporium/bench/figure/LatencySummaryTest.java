package io.emporium.bench.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesOfMicrosecondsAreReportedInMilliseconds() {
        var micros = new Histogram(3);
        for (var value = 1; value <= 1000; value++) {
            micros.recordValue(value * 1000L);
        }

        var summary = LatencySummary.ofMicros(micros);

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isCloseTo(500, within(1.0));
        assertThat(summary.p99()).isCloseTo(990, within(1.0));
        assertThat(summary.p999()).isCloseTo(999, within(1.0));
        assertThat(summary.max()).isCloseTo(1000, within(1.0));
        assertThat(summary.at(95)).isEqualTo(summary.p95());
    }

    @Test
    void anEmptyHistogramSummarisesToZeros() {
        assertThat(LatencySummary.ofMicros(new Histogram(3))).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0));
    }
}
