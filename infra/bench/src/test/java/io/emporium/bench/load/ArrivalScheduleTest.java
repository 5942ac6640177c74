package io.emporium.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    @Test
    void arrivalsAreEvenlySpacedAtTheRate() {
        var schedule = new ArrivalSchedule(1_000, 200);

        assertThat(schedule.intendedSend(0)).isEqualTo(1_000);
        assertThat(schedule.intendedSend(1)).isEqualTo(1_000 + 5_000_000);
        assertThat(schedule.intendedSend(200)).isEqualTo(1_000 + 1_000_000_000);
    }

    @Test
    void aStepHoldsAsManyArrivalsAsItsLengthAllowsAtTheRate() {
        assertThat(new ArrivalSchedule(0, 250).count(3)).isEqualTo(750);
    }

    @Test
    void latencyCountsFromTheIntendedSendTimeNotFromTheActualOne() {
        var schedule = new ArrivalSchedule(0, 100);

        // Request 5 was due at 50 ms; whenever it actually left, it completed at 80 ms.
        assertThat(schedule.latencyMicros(5, 80_000_000)).isEqualTo(30_000);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new ArrivalSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
