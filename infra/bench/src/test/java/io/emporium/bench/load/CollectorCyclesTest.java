package io.emporium.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CollectorCyclesTest {

    private final CollectorCycles cycles = new CollectorCycles();

    @Test
    void saysHowLongACycleRanWithinASpanOfTime() {
        cycles.add(10.2, 10.5);
        cycles.add(10.9, 11.3);
        cycles.add(12.5, 12.6);

        // 0.3 s wholly within, 0.1 s of the second cycle's 0.4
        assertThat(cycles.millisBetween(10, 11)).isCloseTo(400, within(1e-6));
        assertThat(cycles.millisBetween(11, 12)).isCloseTo(300, within(1e-6));
        assertThat(cycles.millisBetween(13, 14)).isZero();
    }

    @Test
    void countsTheCyclesSinceTheMark() {
        cycles.add(1, 2);
        cycles.mark();
        cycles.add(3, 3.25);
        cycles.add(4, 4.5);

        assertThat(cycles.sinceMark()).isEqualTo(new CollectorCycles.Ran(2, 750));
        assertThat(cycles.sinceMark()).hasToString("the generator's collector ran 2 cycles for 750 ms");
        assertThat(new CollectorCycles.Ran(1, 12.4)).hasToString("the generator's collector ran 1 cycle for 12 ms");
    }

    @Test
    void hearsThisJvmsOwnCollector() {
        try (var heard = CollectorCycles.start()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                System.gc();
                assertThat(heard.sinceMark().cycles()).isPositive();
            });
            var now = LatencyTimeline.secondsSinceStart(System.nanoTime());
            assertThat(heard.millisBetween(now - 60, now + 1)).isPositive();
        }
    }
}
