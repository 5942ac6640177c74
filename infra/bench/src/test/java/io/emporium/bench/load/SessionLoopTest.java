package io.emporium.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SessionLoopTest {

    private static final Exchange ONE_MILLISECOND = ignored -> CompletableFuture.supplyAsync(
            () -> new Reply(200, Map.of()), CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));

    /** Alternates two endpoints, as a shopper moves between pages. */
    private static final class Alternating implements Session {

        private int sent;

        @Override
        public Call next() {
            return new Call(sent++ % 2 == 0 ? "GET /a" : "GET /b", Request.get("/"), status -> status == 200);
        }

        @Override
        public void answered(Call call, @Nullable Reply reply) {
        }
    }

    @Test
    void aRepetitionOfSomeRequestsSendsThatManyAndFilesEachUnderItsEndpoint() {
        var result = SessionLoop.run(ONE_MILLISECOND, List.of("GET /a", "GET /b"), user -> new Alternating(), 4,
                Duration.ofSeconds(30), Duration.ofMillis(50), 200);

        assertThat(result.all().succeeded()).isEqualTo(200);
        assertThat(result.byEndpoint()).containsOnlyKeys("GET /a", "GET /b");
        assertThat(result.byEndpoint().get("GET /a").succeeded() + result.byEndpoint().get("GET /b").succeeded())
                .isEqualTo(200);
        assertThat(result.byEndpoint().get("GET /a").latencyMicros().getTotalCount())
                .isEqualTo(result.byEndpoint().get("GET /a").succeeded()).isPositive();
    }

    @Test
    void theDeadlineStopsARepetitionBeforeItsCount() {
        var result = SessionLoop.run(ONE_MILLISECOND, List.of("GET /a", "GET /b"), user -> new Alternating(), 2,
                Duration.ofMillis(100), Duration.ofMillis(50), 1_000_000);

        assertThat(result.all().succeeded()).isPositive().isLessThan(1_000_000);
        assertThat(result.all().failures()).isZero();
    }
}
