package io.emporium.bench.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * A fixed number of users, each sending its next request as soon as the previous one is answered: the load finds
 * the system's peak rate at that concurrency. Latency is each request's own round trip. Users stop sending at the
 * deadline or after {@link #MAX_REQUESTS} requests in all, whichever comes first.
 */
public final class ClosedLoop {

    /** A bound on one step, far above what any step here can send in its time. */
    public static final long MAX_REQUESTS = 5_000_000;
    /** How long answers to requests already sent are awaited after the deadline. */
    static final Duration DRAIN = Duration.ofSeconds(40);
    /** After a failure a user waits this long, so that a target that refuses at once is not hammered. */
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(1);

    private ClosedLoop() {
    }

    /**
     * @param expected which status counts as success
     * @param slice    length of the timeline's slices
     */
    public static LoadRun run(Exchange exchange, Supplier<Request> requests, IntPredicate expected, int users,
                              Duration duration, Duration slice) {
        return run(exchange, requests, expected, users, duration, slice, MAX_REQUESTS);
    }

    /** @param count the users stop once this many requests were sent in all, or at the deadline */
    public static LoadRun run(Exchange exchange, Supplier<Request> requests, IntPredicate expected, int users,
                              Duration duration, Duration slice, long count) {
        var timeline = new LatencyTimeline(slice);
        var tally = new Tally(expected, timeline);
        var start = System.nanoTime();
        var deadline = start + duration.toNanos();
        var issued = new AtomicLong();
        var finished = new CountDownLatch(users);
        for (var i = 0; i < users; i++) {
            new User(exchange, requests, tally, deadline, Math.min(count, MAX_REQUESTS), issued, finished).next();
        }
        try {
            if (!finished.await(duration.plus(DRAIN).toNanos(), TimeUnit.NANOSECONDS)) {
                tally.fail("unanswered at the end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the load ran", e);
        }
        return tally.toRun(users, start, 0);
    }

    private record User(Exchange exchange, Supplier<Request> requests, Tally tally, long deadline, long count,
                        AtomicLong issued, CountDownLatch finished) {

        void next() {
            if (System.nanoTime() >= deadline || issued.incrementAndGet() > count) {
                finished.countDown();
                return;
            }
            var sent = System.nanoTime();
            CompletableFuture<Reply> reply;
            try {
                reply = exchange.send(requests.get());
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((answer, error) -> {
                var now = System.nanoTime();
                tally.complete(answer, error, (now - sent) / 1000, now);
                if (error == null) {
                    next();
                } else {
                    CompletableFuture.runAsync(this::next, CompletableFuture.delayedExecutor(
                            PAUSE_AFTER_FAILURE.toNanos(), TimeUnit.NANOSECONDS));
                }
            });
        }
    }
}
