package io.emporium.bench.figure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupTest {

    private static final Duration WINDOW = Duration.ofSeconds(2);

    @Test
    void aColdEngineIsLoadedUntilThreeWindowsInARowAgree() {
        var rates = rates(20, 60, 150, 240, 250, 400, 410, 420, 500);

        var result = Warmup.untilSettled(rates::next, WINDOW, Duration.ofSeconds(4), Duration.ofSeconds(30));

        assertThat(result.windows()).isEqualTo(8);
        assertThat(result.seconds()).isEqualTo(16);
        assertThat(result.settled()).isTrue();
        assertThat(result.lastRate()).isEqualTo(420);
    }

    @Test
    void aWarmEngineStillGetsTheMinimum() {
        var rates = rates(300, 300, 300, 300, 300, 300);

        var result = Warmup.untilSettled(rates::next, WINDOW, Duration.ofSeconds(10), Duration.ofSeconds(30));

        assertThat(result.windows()).isEqualTo(5);
    }

    @Test
    void theMaximumEndsAWarmUpThatNeverSettles() {
        var rates = rates(10, 20, 40, 80, 160, 320, 640);

        var result = Warmup.untilSettled(rates::next, WINDOW, Duration.ofSeconds(2), Duration.ofSeconds(8));

        assertThat(result.windows()).isEqualTo(4);
        assertThat(result.settled()).isFalse();
        assertThat(result.lastRate()).isEqualTo(80);
        assertThat(result.describe(WINDOW)).isEqualTo("not settled after 8.00 s (4 windows of 2.00 s, last 80.0/s)");
    }

    @Test
    void windowsWithoutAnyCompletionNeverCountAsSettled() {
        var rates = rates(0, 0, 0, 0, 0);

        assertThat(Warmup.untilSettled(rates::next, WINDOW, Duration.ZERO, Duration.ofSeconds(8)).settled()).isFalse();
    }

    @Test
    void anOpenModelWarmsUntilItsLatencySettlesThoughItsRateAgreesAtOnce() {
        var windows = openWindows(537.1, 58.9, 12.7, 23.8, 10.2, 12.5, 11.0, 9.8);

        var result = Warmup.untilSteady(windows::next, WINDOW, Duration.ofSeconds(8), Duration.ofSeconds(60));

        assertThat(result.windows()).isEqualTo(7);
        assertThat(result.settled()).isTrue();
    }

    @Test
    void anOpenModelWhoseLatencyKeepsSwingingIsNotSettledAtTheMaximum() {
        var windows = openWindows(40, 4, 40, 4, 40, 4);

        var result = Warmup.untilSteady(windows::next, WINDOW, Duration.ZERO, Duration.ofSeconds(12));

        assertThat(result.windows()).isEqualTo(6);
        assertThat(result.settled()).isFalse();
    }

    @Test
    void aClosedLoopIsJudgedByItsRateAlone() {
        var windows = List.of(new Warmup.Window(300, Double.NaN), new Warmup.Window(305, Double.NaN),
                new Warmup.Window(298, Double.NaN)).iterator();

        var result = Warmup.untilSteady(windows::next, WINDOW, Duration.ZERO, Duration.ofSeconds(30));

        assertThat(result.windows()).isEqualTo(3);
        assertThat(result.settled()).isTrue();
    }

    /** Windows of an open model at 1,000 requests/s, with these p99s in ms. */
    private static Iterator<Warmup.Window> openWindows(double... p99s) {
        return Arrays.stream(p99s).mapToObj(p99 -> new Warmup.Window(1_000, p99)).iterator();
    }

    private static Iterator<Double> rates(double... values) {
        return Arrays.stream(values).boxed().toList().iterator();
    }
}
