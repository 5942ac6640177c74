package io.emporium.bench.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class HostStealTest {

    private final Deque<HostSteal.Ticks> readings = new ArrayDeque<>();
    private final HostSteal steal = new HostSteal(readings::poll);
    private long all;
    private long stolen;
    /** Tenths of a second on the latency timelines' axis: a reading every tenth. */
    private int tenths;

    @Test
    void readsEveryCoresTimeAndTheStolenPartFromTheMachinesLine() {
        var ticks = HostSteal.Ticks.parse("cpu  4622472 0 1009419 2083024 60299 0 270074 123343 0 0");

        assertThat(ticks).isEqualTo(new HostSteal.Ticks(4622472L + 1009419 + 2083024 + 60299 + 270074 + 123343,
                123343));
    }

    @Test
    void aHostThatTookNothingLeftEveryCore() {
        begin();
        periods(30, 0);

        assertThat(steal.sinceMark()).isEqualTo(new HostSteal.Taken(0, 0));
    }

    @Test
    void theShareIsOfAllCoresTimeAndTheWorstSecondIsTheWorstTenPeriodsInARow() {
        begin();
        periods(10, 1);
        periods(5, 0);
        periods(10, 4);
        periods(5, 0);

        var taken = steal.sinceMark();
        // 30 periods of two cores' 20 ticks: 600 ticks, of which 10 + 40 stolen
        assertThat(taken.share()).isCloseTo(50 / 600.0, within(1e-9));
        assertThat(taken.worstSecondMillis()).isEqualTo(400);
    }

    @Test
    void aStallSplitAcrossTwoSecondsIsOneSecondsWorth() {
        begin();
        periods(7, 0);
        periods(6, 10);
        periods(7, 0);

        // sixty ticks stolen in six periods in a row, across the boundary between the first and second second
        assertThat(steal.sinceMark().worstSecondMillis()).isEqualTo(600);
    }

    @Test
    void countsOnlyWhatWasTakenSinceTheMark() {
        begin();
        periods(10, 8);
        steal.mark();
        periods(10, 1);

        assertThat(steal.sinceMark()).isEqualTo(new HostSteal.Taken(10 / 200.0, 100));
    }

    @Test
    void saysWhatTheHostTookInTheSecondALatencySliceCovers() {
        begin();
        periods(10, 0);
        periods(3, 5);
        periods(7, 0);

        // periods end at 0.1, 0.2, … 2.0 s: those ending at 1.1-1.3 s held the 15 stolen ticks
        assertThat(steal.takenMillis(1.0, 2.0)).isEqualTo(150);
        assertThat(steal.takenMillis(0.0, 1.0)).isZero();
        assertThat(steal.takenMillis(1.15, 1.25)).isEqualTo(100);
    }

    @Test
    void aMachineWithoutProcStatLeavesWhatWasTakenUnknown() {
        // no readings: every read finds nothing
        steal.sample(tenths / 10.0);
        steal.sample(tenths / 10.0);

        assertThat(steal.sinceMark()).isEqualTo(HostSteal.Taken.UNKNOWN);
    }

    /** The first reading, from which the periods count. */
    private void begin() {
        readings.add(new HostSteal.Ticks(all, stolen));
        steal.sample(tenths / 10.0);
    }

    /** Samples {@code count} periods of two cores, in each of which the host took {@code ticks}. */
    private void periods(int count, int ticks) {
        for (var i = 0; i < count; i++) {
            all += 20;
            stolen += ticks;
            tenths++;
            readings.add(new HostSteal.Ticks(all, stolen));
            steal.sample(tenths / 10.0);
        }
    }
}
