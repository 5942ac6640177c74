package io.emporium.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    private final FakeClock clock = new FakeClock();
    private final Request request = Request.get("/orders/1");

    @Test
    void aStallCountsInTheLatencyOfEveryRequestItDelayed() {
        var sent = new AtomicInteger();
        // An instant server; but the generator stalls for 500 ms while sending request 10 (a GC pause, say).
        Exchange exchange = ignored -> {
            if (sent.getAndIncrement() == 10) {
                clock.advance(Duration.ofMillis(500).toNanos());
            }
            return CompletableFuture.completedFuture(new Reply(200, Map.of()));
        };

        var run = new OpenLoop(exchange, clock).run(() -> request, status -> status == 200, 100,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1_000);

        assertThat(run.succeeded()).isEqualTo(100);
        // Requests 10 to 59 were due during the stall: 500, 490, ... 10 ms late. Measured from when they actually
        // left they would all look instant (coordinated omission); from when they were due they do not.
        var latencies = run.latencyMicros();
        assertThat(latencies.getMaxValue()).isBetween(499_000L, 501_000L);
        assertThat(latencies.getValueAtPercentile(90)).isBetween(390_000L, 410_000L);
        assertThat(latencies.getValueAtPercentile(50)).isLessThan(1_000L);
        assertThat(run.maxSendLagMs()).isBetween(489.0, 501.0);
    }

    @Test
    void aFastScheduleLeavesInBatchesAtMostOnceATickEachTimedFromWhenItWasDue() {
        var sendTimes = new ArrayList<Long>();
        var instant = answeringAtOnce(sendTimes);

        // 10,000 requests/s: one due every 0.1 ms, ten in every millisecond.
        var run = new OpenLoop(instant, clock).run(() -> request, status -> status == 200, 10_000,
                Duration.ofMillis(100), Duration.ofSeconds(1), 1_000);

        assertThat(run.succeeded()).isEqualTo(1_000);
        assertThat(new HashSet<>(sendTimes)).hasSizeBetween(100, 101);
        // Each waited in the generator for its batch's tick, and that wait is part of its latency.
        var latencies = run.latencyMicros();
        assertThat(latencies.getMaxValue()).isBetween(890L, 1_000L);
        assertThat(latencies.getValueAtPercentile(50)).isBetween(400L, 600L);
    }

    @Test
    void aSlowScheduleLeavesEachRequestWhenItIsDue() {
        var sendTimes = new ArrayList<Long>();
        var instant = answeringAtOnce(sendTimes);

        var run = new OpenLoop(instant, clock).run(() -> request, status -> status == 200, 500,
                Duration.ofMillis(100), Duration.ofSeconds(1), 1_000);

        assertThat(run.succeeded()).isEqualTo(50);
        assertThat(new HashSet<>(sendTimes)).hasSize(50);
        assertThat(run.latencyMicros().getMaxValue()).isZero();
    }

    @Test
    void requestsBeyondTheBoundOnUnansweredOnesAreNotSentAndCountAsFailures() {
        Exchange neverAnswers = ignored -> new CompletableFuture<>();

        var run = new OpenLoop(neverAnswers, clock).run(() -> request, status -> status == 200, 100,
                Duration.ofMillis(200), Duration.ofSeconds(1), 5);

        assertThat(run.succeeded()).isZero();
        assertThat(run.failed()).containsEntry("not sent: 5 unanswered", 15L)
                .containsEntry("unanswered at the end", 1L);
    }

    @Test
    void anUnexpectedStatusIsAFailureNamedByItsCode() {
        Exchange unavailable = ignored -> CompletableFuture.completedFuture(new Reply(503, Map.of()));

        var run = new OpenLoop(unavailable, clock).run(() -> request, status -> status == 201, 50,
                Duration.ofMillis(100), Duration.ofSeconds(1), 100);

        assertThat(run.succeeded()).isZero();
        assertThat(run.failed()).containsExactly(Map.entry("HTTP 503", 5L));
        assertThat(run.latencyMicros().getTotalCount()).isZero();
    }

    /** An instant server that notes the clock's time of every request it is sent. */
    private Exchange answeringAtOnce(List<Long> sendTimes) {
        return ignored -> {
            sendTimes.add(clock.nanoTime());
            return CompletableFuture.completedFuture(new Reply(200, Map.of()));
        };
    }
}
