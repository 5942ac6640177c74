package io.emporium.bench.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Requests arriving at a fixed rate however the server copes, as real customers do: the load shows latency at a
 * given throughput. Each latency counts from the request's intended send time ({@link ArrivalSchedule}), which
 * corrects for coordinated omission. Requests beyond {@code maxInFlight} unanswered ones are not sent and count as
 * failures, which bounds the generator's memory when the server falls behind.
 */
public final class OpenLoop {

    private final Exchange exchange;
    private final NanoClock clock;

    public OpenLoop(Exchange exchange, NanoClock clock) {
        this.exchange = exchange;
        this.clock = clock;
    }

    public LoadRun run(Supplier<Request> requests, IntPredicate expected, double perSecond, Duration duration,
                       Duration slice, int maxInFlight) {
        var timeline = new LatencyTimeline(slice);
        var tally = new Tally(expected, timeline);
        var schedule = new ArrivalSchedule(clock.nanoTime() + 1_000_000, perSecond);
        var count = Math.min(schedule.count(duration.toNanos() / 1e9), ClosedLoop.MAX_REQUESTS);
        var inFlight = new AtomicLong();
        var maxLag = 0L;
        for (long i = 0; i < count; i++) {
            var intended = schedule.intendedSend(i);
            clock.parkUntil(intended);
            maxLag = Math.max(maxLag, clock.nanoTime() - intended);
            if (inFlight.get() >= maxInFlight) {
                tally.fail("not sent: " + maxInFlight + " unanswered");
                continue;
            }
            inFlight.incrementAndGet();
            var index = i;
            CompletableFuture<Reply> reply;
            try {
                reply = exchange.send(requests.get());
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((answer, error) -> {
                var now = clock.nanoTime();
                tally.complete(answer, error, schedule.latencyMicros(index, now), now);
                inFlight.decrementAndGet();
            });
        }
        var drainDeadline = clock.nanoTime() + ClosedLoop.DRAIN.toNanos();
        while (inFlight.get() > 0 && clock.nanoTime() < drainDeadline) {
            clock.parkUntil(clock.nanoTime() + 1_000_000);
        }
        if (inFlight.get() > 0) {
            tally.fail("unanswered at the end");
        }
        return tally.toRun(perSecond, schedule.start(), maxLag / 1e6);
    }
}
