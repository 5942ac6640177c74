package io.emporium.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HiccupsTest {

    private final StallingClock clock = new StallingClock();
    private final Hiccups hiccups = new Hiccups(clock);

    @Test
    void aGeneratorThatWokeOnTimeHadNoStall() {
        hiccups.mark();
        tick(1000);

        assertThat(hiccups.sinceMark()).isEqualTo(new Hiccups.Stalls(0, 0));
    }

    @Test
    void aLongStallCountsForTheWakeUpsItSwallowed() {
        hiccups.mark();
        tick(900);
        clock.stallNextWait(100);
        tick(1);

        var stalls = hiccups.sinceMark();
        // 900 punctual wake-ups and one 100 ms late, which stands for 100 wake-ups 100, 99, ... 1 ms late: the
        // 99th percentile of the thousand lies among its slowest tenth
        assertThat(stalls.longestMillis()).isCloseTo(100, within(0.1));
        assertThat(stalls.p99Millis()).isBetween(89.0, 91.0);
    }

    @Test
    void countsOnlyTheStallsSinceTheMark() {
        clock.stallNextWait(50);
        tick(1);
        hiccups.mark();
        tick(1);

        assertThat(hiccups.sinceMark()).isEqualTo(new Hiccups.Stalls(0, 0));
    }

    @Test
    void saysHowLateItWokeWithinASpanOfTime() {
        hiccups.mark();
        tick(100);
        clock.stallNextWait(30);
        tick(1);
        tick(100);

        // the wait due at 101 ms woke at 131 ms
        assertThat(hiccups.longestBetween(120_000_000, 200_000_000)).isCloseTo(30, within(0.1));
        assertThat(hiccups.longestBetween(0, 100_000_000)).isZero();
        assertThat(hiccups.longestBetween(140_000_000, 230_000_000)).isZero();
    }

    @Test
    void sawNothingBeforeItsFirstWakeUp() {
        assertThat(hiccups.sinceMark()).isEqualTo(Hiccups.Stalls.NONE);
    }

    private void tick(int times) {
        for (var i = 0; i < times; i++) {
            hiccups.tick();
        }
    }

    /** Wakes a wait exactly when asked, or late once when told to, as a descheduled thread is. */
    private static final class StallingClock implements NanoClock {

        private long now;
        private long stall;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long nanos) {
            now = Math.max(now, nanos) + stall;
            stall = 0;
        }

        void stallNextWait(long millis) {
            stall = millis * 1_000_000;
        }
    }
}
