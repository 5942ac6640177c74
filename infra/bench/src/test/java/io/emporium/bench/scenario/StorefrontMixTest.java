package io.emporium.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.bench.cpu.CoreTimeline;
import io.emporium.bench.cpu.HostSteal;
import io.emporium.bench.load.Interval;
import io.emporium.bench.load.LatencyTimeline;
import io.emporium.bench.load.LoadRun;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StorefrontMixTest {

    @Test
    void eachEndpointOfTheMixIsJudgedAtThePercentileItsShareOfARepetitionSupports() {
        assertThat(StorefrontMix.mixPercentile(Profile.QUICK, StorefrontRequests.DETAIL)).isEqualTo(99);
        assertThat(StorefrontMix.mixPercentile(Profile.QUICK, StorefrontRequests.SUGGEST)).isEqualTo(95);
        assertThat(StorefrontMix.mixPercentile(Profile.QUICK, Shopper.CHECKOUT)).isEqualTo(95);
        assertThat(StorefrontMix.mixPercentile(Profile.FULL, Shopper.CHECKOUT)).isEqualTo(95);
        assertThat(StorefrontMix.mixPercentile(Profile.FULL, StorefrontRequests.SEARCH)).isEqualTo(99);
    }

    @Test
    void theReportSaysWhichPercentileEachEndpointHasAndFromHowManySamples() {
        assertThat(StorefrontMix.mixPercentiles(Profile.QUICK))
                .startsWith("p99 for `GET /products/{sku}` (320 a repetition), ")
                .endsWith("p95 for `POST /carts/{id}/checkout` (32 a repetition)");
    }

    @Test
    void eachOpenRoundSaysWhatTheHostTookFromTheCoresMeanwhile() {
        assertThat(StorefrontMix.taken(new HostSteal.Taken(0.012, 310)))
                .isEqualTo("the host took 1.2 % of the cores, at most 310 ms in a second");
        assertThat(StorefrontMix.taken(HostSteal.Taken.UNKNOWN)).isEqualTo("what the host took unknown");
    }

    @Test
    void aRoundsWorstSliceIsTheOneWithTheHighestP99AndSaysWhatStoodStillAndWhatRanWhileItLasted() {
        var timeline = List.of(new Interval(11, 1, 9000, 1.2, 4.0, 6.0, 9.0),
                new Interval(12, 1, 9000, 1.5, 63.0, 79.0, 91.0),
                new Interval(13, 1, 9000, 1.1, 3.0, 5.0, 7.0));
        var run = new LoadRun(9000, 27_000, Map.of(), 3, new Histogram(3), timeline, 0);
        var still = new StorefrontMix.Stillness((from, to) -> from == 11 && to == 12 ? 80 : 0,
                (from, to) -> from == 11 && to == 12 ? 13.8 : 0, (from, to) -> from == 11 && to == 12 ? 6.2 : 0,
                (from, to) -> from == 11 && to == 12 ? 420 : 0, (from, to) -> from == 11 && to == 12
                        ? List.of(new CoreTimeline.Used("the engine", 1_610, 1_480),
                                new CoreTimeline.Used("Elasticsearch", 240, 12))
                        : List.of());

        var worst = StorefrontMix.worstSlice(run, still);

        assertThat(worst).isEqualTo(new StorefrontMix.WorstSlice(1, LatencyTimeline.instantAt(11), 63.0, 80, 13.8,
                6.2, 420, List.of(new CoreTimeline.Used("the engine", 1_610, 1_480),
                        new CoreTimeline.Used("Elasticsearch", 240, 12))));
        var began = DateTimeFormatter.ofPattern("HH:mm:ss.S").withZone(ZoneOffset.UTC)
                .format(LatencyTimeline.instantAt(11));
        assertThat(worst).hasToString("its worst slice, from 1.00 s into the round (at " + began + " UTC), p99 63.0 "
                + "ms: in it the host took 80.0 ms of core time, the engine stood still 13.8 ms at most, the generator "
                + "woke 6.20 ms late at most and its collector ran 420 ms; core time in it (in the round's average "
                + "second): the engine 1,610 ms (1,480), Elasticsearch 240 ms (12.0)");
    }

    @Test
    void aRoundWithoutSlicesHasNoWorstSlice() {
        var run = new LoadRun(9000, 0, Map.of(), 0, new Histogram(3), List.of(), 0);
        var still = new StorefrontMix.Stillness((from, to) -> 0, (from, to) -> 0, (from, to) -> 0,
                (from, to) -> 0, (from, to) -> List.of());

        assertThat(StorefrontMix.worstSlice(run, still)).hasToString("no slice");
    }

    @Test
    void saysHowManyConnectionsTheGeneratorOpened() {
        assertThat(StorefrontMix.opened(0)).isEqualTo("the generator opened 0 connections");
        assertThat(StorefrontMix.opened(1)).isEqualTo("the generator opened 1 connection");
    }
}
