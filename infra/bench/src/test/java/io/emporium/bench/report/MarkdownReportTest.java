package io.emporium.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.bench.cpu.CpuUse;
import io.emporium.bench.load.Interval;
import io.emporium.bench.load.LoadRun;
import io.emporium.bench.scenario.Series;
import io.emporium.bench.scenario.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    @TempDir
    Path directory;

    @Test
    void showsNoPercentilesForJobsThatTimeNoRequests() throws Exception {
        var replay = new Series("replay", "Replay of the history", "replay", "events/s", "latency", false,
                List.of(new Step("whole history", 0, List.of(new LoadRun(0, 150_000, Map.of(), 2.0,
                        new Histogram(3), List.of(), 0)), CpuUse.NONE)));

        var md = new StringBuilder();
        MarkdownReport.series(md, replay, directory);

        var table = md.toString().lines().filter(line -> line.startsWith("|")).toList();
        assertThat(table.getFirst()).doesNotContain("p50").contains("events/s", "samples", "failures");
        assertThat(table).allSatisfy(line -> assertThat(cells(line)).isEqualTo(cells(table.getFirst())));
        assertThat(table.get(2)).contains("150,000");
        assertThat(md.toString()).doesNotContain("over time");
        try (var charts = Files.list(directory)) {
            assertThat(charts.map(path -> path.getFileName().toString())).containsExactly("replay-throughput.png");
        }
    }

    @Test
    void showsPercentilesAndTheirChartForTimedRequests() throws Exception {
        var latencies = new Histogram(3);
        latencies.recordValue(1_500);
        var orders = new Series("placeorder", "PlaceOrder", "users", "orders/s", "latency", false,
                List.of(new Step("32 users", 32, List.of(new LoadRun(32, 1, Map.of(), 1.0, latencies,
                        List.of(new Interval(1.0, 1.0, 1, 1.5, 1.5, 1.5, 1.5)), 0)), CpuUse.NONE)));

        var md = new StringBuilder();
        MarkdownReport.series(md, orders, directory);

        var table = md.toString().lines().filter(line -> line.startsWith("|")).toList();
        assertThat(table.getFirst()).contains("latency p50 ms", "p99.9 ms");
        assertThat(table).allSatisfy(line -> assertThat(cells(line)).isEqualTo(cells(table.getFirst())));
        assertThat(Files.exists(directory.resolve("placeorder-latency-over-time.png"))).isTrue();
    }

    private static long cells(String row) {
        return Arrays.stream(row.split("\\|", -1)).count();
    }

    @Test
    void saysHowSureTheRangeOfItsRepetitionsIsToHoldTheTrueMedian() {
        assertThat(MarkdownReport.medianConfidence(3)).contains("probability 1 − 2^(1−3) = 75 %");
        assertThat(MarkdownReport.medianConfidence(5)).contains("5 independent repetitions")
                .contains("= 94 %");
        assertThat(MarkdownReport.medianConfidence(1)).isEmpty();
    }
}
