package io.emporium.bench.cpu;

import io.emporium.bench.load.LatencyTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How much core time the host took from this virtual machine: the steal column of /proc/stat, read ten times a
 * second on a thread of its own. The bare endpoint measured after each open round could only say that the machine
 * had been slow around a round; during one CI run the host took 1.5 % of the cores in the median second, 10 % in
 * one second of ten and 45 % at most (a Python sampler reading this line each second, issue 4's note of 2026-12-07,
 * fifty-second session). One reading of /proc/stat took 48 us here (2,000 in a
 * row from Python), half a millisecond of a core each second: unlike the reading of every thread's scheduler
 * statistics that disturbed two rounds (see {@code Hiccups}), it reads no process's files.
 */
public final class HostSteal implements AutoCloseable {

    static final long PERIOD_NANOS = 100_000_000;
    /** Periods in a second: the worst second is the worst run of this many periods in a row. */
    static final int PERIODS_PER_SECOND = 10;

    private final Supplier<@Nullable Ticks> reader;
    private final List<Period> periods = new ArrayList<>();
    private @Nullable Ticks last;
    private double lastAt;
    private volatile boolean running = true;

    HostSteal(Supplier<@Nullable Ticks> reader) {
        this.reader = reader;
    }

    /** Starts sampling on a daemon thread of its own. */
    public static HostSteal start() {
        var steal = new HostSteal(HostSteal::read);
        sampleEveryPeriod("bench-host-steal", () -> steal.running, steal::sample);
        return steal;
    }

    /**
     * Calls {@code sample} every {@link #PERIOD_NANOS} on a daemon thread of its own, with the moment on the latency
     * timelines' axis, for as long as {@code running} says. Each period is due a period after the last one was, so
     * a late wake-up shortens the next wait instead of moving every later reading.
     */
    static void sampleEveryPeriod(String thread, BooleanSupplier running, DoubleConsumer sample) {
        Thread.ofPlatform().daemon().name(thread).start(() -> {
            var due = System.nanoTime();
            while (running.getAsBoolean()) {
                sample.accept(LatencyTimeline.secondsSinceStart(System.nanoTime()));
                due += PERIOD_NANOS;
                long left;
                while ((left = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(left);
                }
            }
        });
    }

    /**
     * Reads the counters once and keeps what changed since the last reading.
     *
     * @param at the moment, on the latency timelines' axis (seconds since the suite started)
     */
    void sample(double at) {
        var now = reader.get();
        synchronized (periods) {
            if (now != null && last != null) {
                periods.add(new Period(lastAt, at, now.all() - last.all(), now.stolen() - last.stolen()));
            }
            last = now;
            lastAt = at;
        }
    }

    /**
     * The core time the host took between two moments since the last {@link #mark()}, on the latency timelines'
     * axis, in milliseconds: of every period that overlaps them.
     */
    public double takenMillis(double from, double to) {
        synchronized (periods) {
            return periods.stream().filter(period -> period.end() > from && period.start() < to)
                    .mapToLong(Period::stolen).sum() * CpuMeter.MILLIS_PER_TICK;
        }
    }

    /** Forgets what was sampled so far: {@link #sinceMark()} counts from here. */
    public void mark() {
        synchronized (periods) {
            periods.clear();
        }
    }

    /** What the host took since the last {@link #mark()}. */
    public Taken sinceMark() {
        synchronized (periods) {
            if (periods.isEmpty()) {
                return Taken.UNKNOWN;
            }
            var all = 0L;
            var stolen = 0L;
            var window = 0L;
            var worst = 0L;
            for (var i = 0; i < periods.size(); i++) {
                all += periods.get(i).all();
                stolen += periods.get(i).stolen();
                window += periods.get(i).stolen();
                if (i >= PERIODS_PER_SECOND) {
                    window -= periods.get(i - PERIODS_PER_SECOND).stolen();
                }
                worst = Math.max(worst, window);
            }
            return new Taken(all == 0 ? 0 : (double) stolen / all, worst * CpuMeter.MILLIS_PER_TICK);
        }
    }

    /**
     * What the host took over some time.
     *
     * @param share             of all cores' time, such as 0.02 for 2 %; NaN where /proc/stat could not be read
     * @param worstSecondMillis the most core time it took in any one second, in milliseconds (two cores have 2,000)
     */
    public record Taken(double share, double worstSecondMillis) {

        public static final Taken UNKNOWN = new Taken(Double.NaN, Double.NaN);
    }

    /** What changed between two readings, from {@code start} to {@code end} on the timelines' axis. */
    private record Period(double start, double end, long all, long stolen) {}

    /**
     * Counters of the whole machine, in clock ticks.
     *
     * @param all    every core's time: user, nice, system, idle, iowait, irq, softirq and steal (guest time is
     *               already counted in user)
     * @param stolen the time the host ran something else while this machine's cores had work
     */
    record Ticks(long all, long stolen) {

        /** From the first line of /proc/stat: "cpu  user nice system idle iowait irq softirq steal guest …". */
        static Ticks parse(String cpuLine) {
            var fields = cpuLine.trim().split("\\s+");
            var all = 0L;
            for (var i = 1; i <= 8; i++) {
                all += Long.parseLong(fields[i]);
            }
            return new Ticks(all, Long.parseLong(fields[8]));
        }
    }

    private static @Nullable Ticks read() {
        var line = CpuMeter.machineLine();
        try {
            return line == null ? null : Ticks.parse(line);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Its thread ends within a period. */
    @Override
    public void close() {
        running = false;
    }
}
