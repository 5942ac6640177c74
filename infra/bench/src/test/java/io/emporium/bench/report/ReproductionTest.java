package io.emporium.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Figure;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.scenario.Headline;
import io.emporium.bench.scenario.Outcome;
import io.emporium.bench.scenario.ScenarioResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproductionTest {

    @TempDir Path results;

    private static RunResults run(String profile, Spread commits, Spread p99, String p99Name) {
        return run(profile, commits, List.of(new Headline(p99Name, "ms", p99, null, null)));
    }

    private static RunResults run(String profile, Spread commits, List<Headline> headlines) {
        return new RunResults(profile, commits.repetitions(), Instant.EPOCH, Duration.ZERO,
                new Machine(2, "cpu", 0, "os", "jvm", "17", Map.of(), "4.4.0", "9.5.3", "engine"),
                Map.of(Baseline.POSTGRES_COMMITS, new Figure("Raw commits", "commits/s", commits, "")),
                List.of(new Outcome.Measured(new ScenarioResult(1, "PlaceOrder", "", List.of(), headlines,
                        List.of()))),
                List.of());
    }

    private Path recorded(String name, RunResults run) throws Exception {
        var directory = Files.createDirectories(results.resolve(name));
        Reproduction.record(run, directory);
        return directory;
    }

    /** {@code current} as the run after {@code previous}, in the same results directory. */
    private Reproduction.Comparison comparedWithPrevious(RunResults previous, RunResults current) throws Exception {
        recorded("20261124-080000", previous);
        var now = Files.createDirectories(results.resolve("20261124-090000"));
        return Reproduction.withPrevious(current, now).orElseThrow();
    }

    @Test
    void aFigureWhoseMedianFallsInThePreviousRangeIsReproducedAndOneOutsideBothRangesIsNot() throws Exception {
        var comparison = comparedWithPrevious(run("quick", Spread.of(12_000, 13_000, 14_000), Spread.of(70, 80, 90),
                        "PlaceOrder p99 at 0.50× peak = 121/s (open model)"),
                run("quick", Spread.of(12_500, 13_500, 15_000), Spread.of(150, 160, 170),
                        "PlaceOrder p99 at 0.50× peak = 68/s (open model)"));

        assertThat(comparison.previousRun()).isEqualTo("20261124-080000");
        assertThat(comparison.pairs()).extracting(Reproduction.Pair::name, Reproduction.Pair::reproduced)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Raw commits", true),
                        org.assertj.core.groups.Tuple.tuple("PlaceOrder p99 at 0.50× peak = 68/s (open model)",
                                false));
        assertThat(Reproduction.line(comparison)).startsWith("Reproduction: 1 of 2 figures")
                .contains("not: PlaceOrder p99 at 0.50× peak = 68/s (open model)");
    }

    @Test
    void aRatioToItsBaselineReproducesWhenTheWholeMachineGotFaster() throws Exception {
        var comparison = comparedWithPrevious(run("quick", Spread.of(3_800, 4_000, 4_200), List.of(new Headline(
                        "PlaceOrder peak", "orders/s", Spread.of(24, 25, 26), Baseline.POSTGRES_COMMITS, null))),
                run("quick", Spread.of(7_600, 8_000, 8_400), List.of(new Headline("PlaceOrder peak", "orders/s",
                        Spread.of(48, 50, 52), Baseline.POSTGRES_COMMITS, null))));

        assertThat(comparison.figures()).noneMatch(Reproduction.Pair::reproduced);
        assertThat(comparison.ratios()).singleElement().satisfies(ratio -> {
            assertThat(ratio.name()).isEqualTo("PlaceOrder peak / Raw commits");
            assertThat(ratio.current().median()).isEqualTo(50.0 / 8_000);
            assertThat(ratio.reproduced()).isTrue();
        });
        assertThat(Reproduction.line(comparison)).startsWith("Reproduction: 0 of 2 figures")
                .contains("ratios to their same-run baselines: 1 of 1");
    }

    @Test
    void aBaselineThatMovedBeyondItsNoiseIsNamedAsTheMachineMoving() throws Exception {
        var comparison = comparedWithPrevious(
                run("quick", Spread.of(11_500, 12_000, 12_500), Spread.of(70, 80, 90), "PlaceOrder p99"),
                run("quick", Spread.of(7_800, 8_000, 8_200), Spread.of(75, 85, 95), "PlaceOrder p99"));

        assertThat(comparison.movedBaselines()).extracting(Reproduction.Pair::name).containsExactly("Raw commits");
        assertThat(Reproduction.line(comparison)).contains("not: Raw commits")
                .contains("the machine itself moved: Raw commits -33 %");
        var md = new StringBuilder();
        Reproduction.section(md, comparison);
        assertThat(md).contains("The machine itself moved between the runs").contains("Raw commits -33 %.");
    }

    @Test
    void baselinesWithinTheirNoiseSayNothingOfTheMachine() throws Exception {
        var comparison = comparedWithPrevious(
                run("quick", Spread.of(11_500, 12_000, 12_500), Spread.of(70, 80, 90), "PlaceOrder p99"),
                run("quick", Spread.of(11_000, 11_800, 12_200), Spread.of(150, 160, 170), "PlaceOrder p99"));

        assertThat(comparison.movedBaselines()).isEmpty();
        assertThat(Reproduction.line(comparison)).doesNotContain("machine");
    }

    @Test
    void oneMissAmongTwoFiguresOfFiveRepetitionsIsNoMoreThanChanceExplains() throws Exception {
        var comparison = comparedWithPrevious(
                run("quick", Spread.of(11_000, 11_500, 12_000, 12_500, 13_000), Spread.of(70, 75, 80, 85, 90), "p99"),
                run("quick", Spread.of(11_200, 11_600, 12_100, 12_400, 12_900), Spread.of(150, 155, 160, 165, 170),
                        "p99"));

        assertThat(comparison.chance()).hasValueCloseTo(12.0 / 252, within(1e-12));
        assertThat(comparison.missed()).isEqualTo(1);
        assertThat(comparison.missedByChance()).hasValue(1);
        assertThat(comparison.beyondChance()).isFalse();
        assertThat(Reproduction.chanceText(comparison)).contains("in 4.8 % of them")
                .contains("0.1 of these 2 measurements").contains("This rerun missed 1: no more than chance explains.");
        assertThat(Reproduction.line(comparison)).contains("(chance alone misses up to 1 of its 2 measurements)");
    }

    @Test
    void missingEveryFigureIsMoreThanChanceExplains() throws Exception {
        var comparison = comparedWithPrevious(
                run("quick", Spread.of(11_000, 11_500, 12_000, 12_500, 13_000), Spread.of(70, 75, 80, 85, 90), "p99"),
                run("quick", Spread.of(7_000, 7_200, 7_400, 7_600, 7_800), Spread.of(150, 155, 160, 165, 170), "p99"));

        assertThat(comparison.beyondChance()).isTrue();
        var md = new StringBuilder();
        Reproduction.section(md, comparison);
        assertThat(md).contains("This rerun missed 2: **more than chance explains**.");
    }

    @Test
    void aFigureStatedTwiceMissesOnceAgainstChance() throws Exception {
        var before = Spread.of(40, 45, 50, 55, 60);
        var after = Spread.of(70, 75, 80, 85, 90);
        var comparison = comparedWithPrevious(
                run("quick", Spread.of(11_000, 11_500, 12_000, 12_500, 13_000), List.of(
                        new Headline("PlaceOrder peak", "orders/s", before, null, null),
                        new Headline("PlaceOrder peak against the bare WebFlux endpoint", "orders/s", before, null,
                                null))),
                run("quick", Spread.of(11_200, 11_600, 12_100, 12_400, 12_900), List.of(
                        new Headline("PlaceOrder peak", "orders/s", after, null, null),
                        new Headline("PlaceOrder peak against the bare WebFlux endpoint", "orders/s", after, null,
                                null))));

        assertThat(comparison.figures()).hasSize(3);
        assertThat(comparison.reproduced()).isEqualTo(1);
        assertThat(comparison.measurements()).extracting(Reproduction.Pair::name)
                .containsExactly("Raw commits", "PlaceOrder peak");
        assertThat(comparison.missed()).isEqualTo(1);
    }

    @Test
    void aRunThatDidNotRecordItsRepetitionsLeavesChanceUnsaid() throws Exception {
        var previous = Files.createDirectories(results.resolve("20261124-080000"));
        Files.writeString(previous.resolve(Reproduction.FILE),
                "profile\tquick\nbaseline POSTGRES_COMMITS\tRaw commits\tcommits/s\t12000.0\t11500.0\t12500.0\n");
        var now = Files.createDirectories(results.resolve("20261124-090000"));

        var comparison = Reproduction.withPrevious(run("quick", Spread.of(11_600, 12_100, 12_400),
                Spread.of(1, 2, 3), "p99"), now).orElseThrow();

        assertThat(comparison.reproduced()).isEqualTo(1);
        assertThat(comparison.chance()).isEmpty();
        assertThat(comparison.beyondChance()).isFalse();
        assertThat(Reproduction.chanceText(comparison)).isEmpty();
        assertThat(Reproduction.line(comparison)).doesNotContain("chance");
    }

    @Test
    void aRunIsComparedWithTheLatestEarlierRunOfItsOwnProfileOnly() throws Exception {
        recorded("20261124-070000", run("quick", Spread.of(1, 2, 3), Spread.of(1, 2, 3), "p99"));
        recorded("20261124-080000", run("full", Spread.of(1, 2, 3), Spread.of(1, 2, 3), "p99"));
        recorded("20261124-100000", run("quick", Spread.of(1, 2, 3), Spread.of(1, 2, 3), "p99"));
        var now = Files.createDirectories(results.resolve("20261124-090000"));

        var comparison = Reproduction.withPrevious(run("quick", Spread.of(1, 2, 3), Spread.of(1, 2, 3), "p99"),
                now).orElseThrow();

        assertThat(comparison.previousRun()).isEqualTo("20261124-070000");
        assertThat(comparison.reproduced()).isEqualTo(2);
    }

    @Test
    void theFirstRunOfAProfileHasNothingToReproduce() throws Exception {
        var now = Files.createDirectories(results.resolve("20261124-090000"));

        assertThat(Reproduction.withPrevious(run("quick", Spread.of(1), Spread.of(1), "p99"), now)).isEmpty();
    }

    @Test
    void figuresWhoseNamesDifferOnlyInWhatTheRunMeasuredAreEachComparedWithTheirOwn() throws Exception {
        var small = new Headline("Append rate at 3,883 events", "orders/s", Spread.of(550, 560, 570), null, null);
        var large = new Headline("Append rate at 500,000 events", "orders/s", Spread.of(650, 700, 750), null, null);
        recorded("20261124-080000", run("quick", Spread.of(1, 2, 3), List.of(small, large)));
        var now = Files.createDirectories(results.resolve("20261124-090000"));

        var comparison = Reproduction.withPrevious(run("quick", Spread.of(1, 2, 3), List.of(
                new Headline("Append rate at 4,186 events", "orders/s", Spread.of(555, 565, 575), null, null),
                new Headline("Append rate at 500,000 events", "orders/s", Spread.of(690, 710, 720), null, null))),
                now).orElseThrow();

        assertThat(comparison.pairs()).hasSize(3).allMatch(Reproduction.Pair::reproduced);
    }

    @Test
    void figureNamesAreMatchedWithoutTheRatesAndSizesTheRunMeasured() {
        assertThat(Reproduction.key("Replay of 503,895 events into Kafka"))
                .isEqualTo(Reproduction.key("Replay of 504,130 events into Kafka"));
        assertThat(Reproduction.key("Cached product page p99 at 0.50× peak = 4673/s (open model)"))
                .isEqualTo("Cached product page p99 at 0.50× peak (open model)");
        assertThat(Reproduction.key("PlaceOrder peak (closed loop, 32 users)"))
                .isEqualTo("PlaceOrder peak (closed loop, 32 users)");
        assertThat(Reproduction.key("Append rate at 941 events"))
                .isEqualTo(Reproduction.key("Append rate at 1,528 events")).isEqualTo("Append rate at N events");
        assertThat(Reproduction.key("Rebuild of the order views from 912 order events"))
                .isEqualTo("Rebuild of the order views from N order events");
    }
}
