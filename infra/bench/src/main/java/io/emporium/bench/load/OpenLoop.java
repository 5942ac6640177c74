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

    /**
     * The sender wakes at most once in this long and then sends every request already due, each timed from when it
     * was due: at rates above 1,000/s requests leave in batches up to this much late, the lateness counting in their
     * latency. Woken for each request instead, the sender and the connections' event loops it hands every request to
     * woke the generator's threads 2.2-2.6 times a request (11,300 requests/s to the bare endpoint), on the two
     * cores the measured server needs.
     */
    public static final long TICK_NANOS = 1_000_000;

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
        var woke = Long.MIN_VALUE;
        for (long i = 0; i < count; i++) {
            var intended = schedule.intendedSend(i);
            if (intended - clock.nanoTime() > 0) {
                clock.parkUntil(woke == Long.MIN_VALUE ? intended : Math.max(intended, woke + TICK_NANOS));
                woke = clock.nanoTime();
            }
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
