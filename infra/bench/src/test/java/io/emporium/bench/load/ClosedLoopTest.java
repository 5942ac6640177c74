package io.emporium.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void eachUserWaitsForItsAnswerBeforeSendingAgainAndStopsAtTheDeadline() {
        var inFlight = new AtomicInteger();
        var mostInFlight = new AtomicInteger();
        Exchange oneMillisecond = ignored -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(() -> {
                inFlight.decrementAndGet();
                return new Reply(201, Map.of());
            }, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
        };

        var run = ClosedLoop.run(oneMillisecond, () -> Request.get("/"), status -> status == 201, 4,
                Duration.ofMillis(200), Duration.ofMillis(50));

        assertThat(mostInFlight.get()).isLessThanOrEqualTo(4);
        assertThat(run.succeeded()).isPositive();
        assertThat(run.failures()).isZero();
        assertThat(run.latencyMicros().getTotalCount()).isEqualTo(run.succeeded());
        assertThat(run.setting()).isEqualTo(4);
        assertThat(run.timeline()).isNotEmpty();
    }

    @Test
    void aRefusedRequestIsAFailureNamedByItsException() {
        Exchange refusing = ignored -> CompletableFuture.failedFuture(new ConnectException("refused"));

        var run = ClosedLoop.run(refusing, () -> Request.get("/"), status -> status == 200, 2,
                Duration.ofMillis(50), Duration.ofMillis(50));

        assertThat(run.succeeded()).isZero();
        assertThat(run.failed()).containsOnlyKeys("ConnectException");
    }
}
