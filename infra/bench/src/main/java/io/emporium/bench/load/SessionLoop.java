package io.emporium.bench.load;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed loop of users, each following its own {@link Session}: a mix of endpoints, as shoppers browse, fill carts
 * and check out. Every request is counted twice, under its endpoint and in the whole mix, so the report has the mix's
 * rate and each endpoint's rate and percentiles from the same run. Stops like {@link ClosedLoop}: at the deadline or
 * once a number of requests were sent.
 */
public final class SessionLoop {

    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(1);

    private SessionLoop() {
    }

    /**
     * What one repetition measured.
     *
     * @param all        every request of the mix
     * @param byEndpoint the same requests by endpoint, in the order the endpoints were named
     */
    public record Result(LoadRun all, Map<String, LoadRun> byEndpoint) {

        public Result {
            byEndpoint = Collections.unmodifiableMap(new LinkedHashMap<>(byEndpoint));
        }
    }

    /**
     * @param endpoints every endpoint the sessions may name, in the order the report lists them
     * @param sessions  the session of user {@code i}
     */
    public static Result run(Exchange exchange, List<String> endpoints, IntFunction<Session> sessions, int users,
                             Duration duration, Duration slice) {
        return run(exchange, endpoints, sessions, users, duration, slice, ClosedLoop.MAX_REQUESTS);
    }

    /** @param count the users stop once this many requests were sent in all, or at the deadline */
    public static Result run(Exchange exchange, List<String> endpoints, IntFunction<Session> sessions, int users,
                             Duration duration, Duration slice, long count) {
        var all = new Tally(status -> true, new LatencyTimeline(slice));
        var tallies = new LinkedHashMap<String, Tally>();
        endpoints.forEach(endpoint -> tallies.put(endpoint, new Tally(status -> true, new LatencyTimeline(slice))));
        var start = System.nanoTime();
        var deadline = start + duration.toNanos();
        var issued = new AtomicLong();
        var finished = new CountDownLatch(users);
        for (var i = 0; i < users; i++) {
            new User(exchange, sessions.apply(i), all, tallies, deadline, Math.min(count, ClosedLoop.MAX_REQUESTS),
                    issued, finished).next();
        }
        try {
            if (!finished.await(duration.plus(ClosedLoop.DRAIN).toNanos(), TimeUnit.NANOSECONDS)) {
                all.fail("unanswered at the end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the load ran", e);
        }
        var byEndpoint = new LinkedHashMap<String, LoadRun>();
        tallies.forEach((endpoint, tally) -> byEndpoint.put(endpoint, tally.toRun(users, start, 0)));
        return new Result(all.toRun(users, start, 0), byEndpoint);
    }

    private record User(Exchange exchange, Session session, Tally all, Map<String, Tally> tallies, long deadline,
                        long count, AtomicLong issued, CountDownLatch finished) {

        void next() {
            if (System.nanoTime() >= deadline || issued.incrementAndGet() > count) {
                finished.countDown();
                return;
            }
            var call = session.next();
            var tally = tallies.get(call.endpoint());
            if (tally == null) {
                throw new IllegalArgumentException("the session named an endpoint not in the mix: "
                        + call.endpoint());
            }
            var sent = System.nanoTime();
            CompletableFuture<Reply> reply;
            try {
                reply = exchange.send(call.request());
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((answer, error) -> {
                var now = System.nanoTime();
                var success = answer != null && call.expected().test(answer.status());
                tally.complete(answer, error, success, (now - sent) / 1000, now);
                all.complete(answer, error, success, (now - sent) / 1000, now);
                session.answered(call, answer);
                if (success) {
                    next();
                } else {
                    CompletableFuture.runAsync(this::next, CompletableFuture.delayedExecutor(
                            PAUSE_AFTER_FAILURE.toNanos(), TimeUnit.NANOSECONDS));
                }
            });
        }
    }
}
