package io.emporium.bench.figure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
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

    private static Iterator<Double> rates(double... values) {
        return Arrays.stream(values).boxed().toList().iterator();
    }
}
