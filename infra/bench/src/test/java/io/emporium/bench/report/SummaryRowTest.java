package io.emporium.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Figure;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.figure.Target;
import io.emporium.bench.scenario.Headline;
import io.emporium.bench.scenario.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryRowTest {

    private final Figure commits = new Figure("Raw commits", "commits/s", Spread.of(9_000, 10_000, 11_000), "");

    @Test
    void aFigureWithABaselineShowsTheRatioAndItsRange() {
        var headline = new Headline("PlaceOrder peak", "orders/s", Spread.of(5_000, 6_000, 7_000),
                Baseline.POSTGRES_COMMITS, new Target.AtLeastRatio(0.6, 3));

        var row = SummaryRow.row("1", headline, Map.of(Baseline.POSTGRES_COMMITS, commits));

        assertThat(row.ratio()).isEqualTo("0.60× (0.45–0.78)");
        assertThat(row.target()).isEqualTo("≥ 0.60× baseline (issue 3)");
        assertThat(row.verdict()).isEqualTo("within noise");
    }

    @Test
    void aFigureWithItsBaselineBesideEachRepetitionIsJudgedRepetitionByRepetition() {
        var headline = new Headline("PlaceOrder peak", "orders/s", Spread.of(5_000, 3_000, 7_000),
                Baseline.POSTGRES_COMMITS, new Target.AtLeastRatio(0.6, 3), Spread.of(8_000, 4_500, 10_000));

        var row = SummaryRow.row("5", headline, Map.of(Baseline.POSTGRES_COMMITS, commits));

        assertThat(row.baseline()).isEqualTo("8,000 commits/s (Raw commits, measured beside each repetition)");
        assertThat(row.ratio()).isEqualTo("0.67× (0.63–0.70) by repetition (apart: 0.50× (0.27–0.78))");
        assertThat(row.verdict()).isEqualTo("met");
    }

    @Test
    void aFigureWhoseBaselineFailedSaysSo() {
        var headline = new Headline("PlaceOrder peak", "orders/s", Spread.of(100), Baseline.POSTGRES_COMMITS,
                new Target.AtLeastRatio(0.6, 3));

        var row = SummaryRow.row("1", headline, Map.of());

        assertThat(row.baseline()).isEqualTo("not measured");
        assertThat(row.verdict()).isEqualTo("no baseline");
    }

    @Test
    void replayIsListedAsNotYetMeasurableWithItsFloorFromTheSequentialRead() {
        var read = new Figure("Raw read", "rows/s", Spread.of(800_000), "");
        var results = new RunResults("quick", 1, Instant.EPOCH, Duration.ZERO,
                new Machine(2, "cpu", 0, "os", "jvm", "17", Map.of(), "4.4.0", "9.5.3", "engine"),
                Map.of(Baseline.EVENT_TABLE_READ, read),
                List.of(new Outcome.NotYetMeasurable(4, "Replay", "issue 5")), List.of());

        var row = SummaryRow.of(results).getFirst();

        assertThat(row.value()).isEqualTo("not yet measurable (needs issue 5)");
        assertThat(row.target()).contains("≥ 200,000 events/s here");
    }
}
