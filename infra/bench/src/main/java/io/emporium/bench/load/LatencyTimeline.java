package io.emporium.bench.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies recorded by many threads at once and cut into slices of fixed length while they are recorded, so that
 * a report can show how percentiles moved over time as well as over the whole run.
 */
public final class LatencyTimeline implements AutoCloseable {

    /** The moment the suite's clock starts; every timeline counts its slices from here. */
    private static final long EPOCH = System.nanoTime();
    /** The time of day at {@link #EPOCH}: what other processes log by the time of day is matched to slices by it. */
    private static final Instant EPOCH_INSTANT = Instant.now();
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private final List<Interval> intervals = new ArrayList<>();
    private final ScheduledExecutorService slicer;
    private long sliceStart = System.nanoTime();
    private boolean closed;

    public LatencyTimeline(Duration slice) {
        slicer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "bench-timeline");
            thread.setDaemon(true);
            return thread;
        });
        slicer.scheduleAtFixedRate(this::cut, slice.toNanos(), slice.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Seconds since the suite started; timelines and charts share this axis. */
    public static double secondsSinceStart(long nanos) {
        return (nanos - EPOCH) / 1e9;
    }

    /** The moment {@code seconds} after the suite started, on {@link System#nanoTime()}'s clock. */
    public static long nanosAt(double seconds) {
        return EPOCH + Math.round(seconds * 1e9);
    }

    /** The time of day {@code seconds} after the suite started, to within the wall clock's own steps. */
    public static Instant instantAt(double seconds) {
        return EPOCH_INSTANT.plusNanos(Math.round(seconds * 1e9));
    }

    /** The seconds since the suite started at a time of day, to within the wall clock's own steps. */
    public static double secondsAt(Instant instant) {
        return Duration.between(EPOCH_INSTANT, instant).toNanos() / 1e9;
    }

    /** Safe from any thread. */
    public void record(long micros) {
        recorder.recordValue(Math.max(0, micros));
    }

    /** Stops slicing; the last, partial slice is kept. Returns the whole run's histogram. */
    public synchronized Histogram finish() {
        if (!closed) {
            closed = true;
            slicer.shutdownNow();
            cutLocked();
        }
        return total.copy();
    }

    public synchronized List<Interval> intervals() {
        return List.copyOf(intervals);
    }

    @Override
    public void close() {
        finish();
    }

    private synchronized void cut() {
        if (!closed) {
            cutLocked();
        }
    }

    private void cutLocked() {
        var now = System.nanoTime();
        var slice = recorder.getIntervalHistogram();
        total.add(slice);
        var count = slice.getTotalCount();
        intervals.add(new Interval(secondsSinceStart(now), (now - sliceStart) / 1e9, count,
                ms(slice, 50, count), ms(slice, 99, count), ms(slice, 99.9, count),
                count == 0 ? 0 : slice.getMaxValue() / 1000.0));
        sliceStart = now;
    }

    private static double ms(Histogram slice, double percentile, long count) {
        return count == 0 ? 0 : slice.getValueAtPercentile(percentile) / 1000.0;
    }
}
