package io.emporium.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/** Counts the outcomes of one load step as they complete, on whichever threads they complete. */
final class Tally {

    private final IntPredicate expected;
    private final LatencyTimeline timeline;
    private final LongAdder succeeded = new LongAdder();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
    private final AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);

    Tally(IntPredicate expected, LatencyTimeline timeline) {
        this.expected = expected;
        this.timeline = timeline;
    }

    void complete(@Nullable Reply reply, @Nullable Throwable error, long latencyMicros, long completedNanos) {
        complete(reply, error, reply != null && expected.test(reply.status()), latencyMicros, completedNanos);
    }

    /** @param success whether the reply counts as success, when the caller judges it (per request, in a mix) */
    void complete(@Nullable Reply reply, @Nullable Throwable error, boolean success, long latencyMicros,
                  long completedNanos) {
        lastCompletion.accumulateAndGet(completedNanos, Math::max);
        if (success) {
            succeeded.increment();
            timeline.record(latencyMicros);
        } else {
            fail(reply != null ? "HTTP " + reply.status() : reason(error));
        }
    }

    void fail(String reason) {
        failed.computeIfAbsent(reason, ignored -> new LongAdder()).increment();
    }

    LoadRun toRun(double setting, long firstSend, double maxSendLagMs) {
        var histogram = timeline.finish();
        var last = lastCompletion.get();
        var seconds = last == Long.MIN_VALUE ? 0 : Math.max(0, last - firstSend) / 1e9;
        var failures = new TreeMap<String, Long>();
        failed.forEach((reason, count) -> failures.put(reason, count.sum()));
        return new LoadRun(setting, succeeded.sum(), failures, seconds, histogram, timeline.intervals(),
                maxSendLagMs);
    }

    private static String reason(@Nullable Throwable error) {
        var cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause == null ? "no reply" : cause.getClass().getSimpleName();
    }
}
