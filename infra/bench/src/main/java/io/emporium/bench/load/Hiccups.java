package io.emporium.bench.load;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Recorder;

/**
 * How late the generator's own threads ran: a thread of its own asks to wake every millisecond and records how much
 * later it woke (jHiccup's method). Every latency the generator records holds any stall of its own, whether its
 * collector, the kernel giving its core to another process, or the host taking the virtual core away, as much as
 * the server's. One open round of product pages had a p99 of 269 ms while the engine's longest stop was 8.6 ms, the
 * bare endpoint measured 21.3 and 19.4 ms either side and the generator sent no request more than 19 ms late
 * (bench full 2, forty-sixth session): nothing said whether the generator's event loops, which time the replies,
 * stalled meanwhile. When a round like it came again (335 ms), this said they had not (4.63 ms at p99): both rounds
 * were the ones a sampler started from a shell had read /proc in, which cost a bare endpoint alone 7.3-23 ms at p99
 * against 3.4-4.8 ms in the rounds beside (forty-seventh session). Its thousand wake-ups a second add a twentieth to
 * the generator's own at 8,000 pages a second (21,358 a second: its threads' scheduler statistics in /proc, over
 * 8 s of the first of those rounds).
 */
public final class Hiccups implements AutoCloseable {

    static final long PERIOD_NANOS = 1_000_000;
    private static final long PERIOD_MICROS = PERIOD_NANOS / 1000;

    private final NanoClock clock;
    private final Recorder recorder = new Recorder(3);
    /** The wake-ups since the mark that came a period late or more, so that a slice can ask for its own. */
    private final List<Late> late = new ArrayList<>();
    private volatile boolean running = true;

    Hiccups(NanoClock clock) {
        this.clock = clock;
    }

    /** Starts measuring on a daemon thread of its own. */
    public static Hiccups start() {
        var hiccups = new Hiccups(NanoClock.SYSTEM);
        Thread.ofPlatform().daemon().name("bench-hiccups").start(() -> {
            while (hiccups.running) {
                hiccups.tick();
            }
        });
        return hiccups;
    }

    /**
     * One wait of a period. A wake-up late by many periods also stands for the wake-ups it swallowed, so that the
     * percentiles are those of a moment picked at random, as a request's arrival is.
     */
    void tick() {
        var due = clock.nanoTime() + PERIOD_NANOS;
        clock.parkUntil(due);
        var lateNanos = Math.max(0, clock.nanoTime() - due);
        recorder.recordValueWithExpectedInterval(lateNanos / 1000, PERIOD_MICROS);
        if (lateNanos >= PERIOD_NANOS) {
            synchronized (late) {
                late.add(new Late(due, lateNanos));
            }
        }
    }

    /** Forgets what was recorded so far: {@link #sinceMark()} and {@link #longestBetween} count from here. */
    public void mark() {
        recorder.getIntervalHistogram();
        synchronized (late) {
            late.clear();
        }
    }

    /**
     * The latest wake-up since the mark whose stall overlapped the time from {@code fromNanos} to {@code toNanos} on
     * the clock's axis, in milliseconds; 0 if none came a period late or more.
     */
    public double longestBetween(long fromNanos, long toNanos) {
        synchronized (late) {
            return late.stream().filter(wakeUp -> wakeUp.due() < toNanos && wakeUp.due() + wakeUp.nanos() > fromNanos)
                    .mapToLong(Late::nanos).max().orElse(0) / 1e6;
        }
    }

    /** A wake-up due at {@code due} that came {@code nanos} late. */
    private record Late(long due, long nanos) {}

    /** The stalls since the last {@link #mark()}. */
    public Stalls sinceMark() {
        var micros = recorder.getIntervalHistogram();
        if (micros.getTotalCount() == 0) {
            return Stalls.NONE;
        }
        return new Stalls(micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }

    /**
     * How late the generator ran over some time.
     *
     * @param p99Millis     a wake-up at a moment picked at random was this late or less, 99 times in 100
     * @param longestMillis the latest wake-up
     */
    public record Stalls(double p99Millis, double longestMillis) {

        public static final Stalls NONE = new Stalls(0, 0);
    }

    /** Its thread ends within a period. */
    @Override
    public void close() {
        running = false;
    }
}
