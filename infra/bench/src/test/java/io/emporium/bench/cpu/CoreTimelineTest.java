package io.emporium.bench.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreTimelineTest {

    private final Map<Long, String> roles = new LinkedHashMap<>(Map.of(10L, "the engine"));
    private final Deque<Map<Long, Long>> readings = new ArrayDeque<>();
    private final CoreTimeline timeline = new CoreTimeline(() -> roles, pids -> readings.poll());

    @Test
    void saysWhatEachRoleUsedInASliceBesideItsAverageSecond() {
        roles.put(20L, "PostgreSQL");
        roles.put(21L, "PostgreSQL");
        timeline.mark();
        // ten periods of 0.1 s: the engine 15 ticks each, PostgreSQL's two processes 1 tick each, except in the
        // last three periods, where one backend used 10 ticks each
        for (var period = 0; period <= 10; period++) {
            var backend = 2L * period + (period > 7 ? 9L * (period - 7) : 0);
            readings.add(Map.of(10L, 15L * period, 20L, (long) period, 21L, backend - period));
            timeline.sample(period / 10.0);
        }

        var used = timeline.usedBetween(0.7, 1.0);

        // one tick is 10 ms; the slice holds the periods ending at 0.8, 0.9 and 1.0 s
        assertThat(used).containsExactly(new CoreTimeline.Used("the engine", 450, 1500),
                new CoreTimeline.Used("PostgreSQL", 330, 470));
    }

    @Test
    void aProcessThatEndedOrStartedBetweenTwoReadingsCountsOnlyWhileBothSawIt() {
        roles.put(20L, "PostgreSQL");
        roles.put(21L, "PostgreSQL");
        timeline.mark();
        readings.add(Map.of(10L, 100L, 20L, 500L));
        timeline.sample(0.0);
        readings.add(Map.of(10L, 110L, 21L, 3L));
        timeline.sample(0.1);
        readings.add(Map.of(10L, 120L, 21L, 5L));
        timeline.sample(0.2);

        assertThat(timeline.usedBetween(0.0, 0.2)).containsExactly(new CoreTimeline.Used("the engine", 200, 1000),
                new CoreTimeline.Used("PostgreSQL", 20, 100));
    }

    @Test
    void countsOnlyWhatWasUsedSinceTheMarkByTheProcessesNamedThen() {
        timeline.mark();
        readings.add(Map.of(10L, 0L));
        timeline.sample(0);
        readings.add(Map.of(10L, 20L));
        timeline.sample(1);
        roles.clear();
        roles.put(30L, "Kafka");
        timeline.mark();
        readings.add(Map.of(30L, 7L));
        timeline.sample(2);
        readings.add(Map.of(30L, 8L));
        timeline.sample(3);

        assertThat(timeline.usedBetween(0, 3)).containsExactly(new CoreTimeline.Used("Kafka", 10, 10));
    }

    @Test
    void withoutReadingsEveryRoleUsedNothing() {
        timeline.mark();

        assertThat(timeline.usedBetween(0, 1)).containsExactly(new CoreTimeline.Used("the engine", 0, 0));
    }
}
