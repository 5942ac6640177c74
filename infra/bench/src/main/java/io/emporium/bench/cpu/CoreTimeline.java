package io.emporium.bench.cpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The core time each of the suite's processes used, by role (the engine, the generator, PostgreSQL, Elasticsearch,
 * Kafka), read ten times a second on a thread of its own so that a one-second burst of latency can be set beside
 * what ran in that second. Per round the open model's CPU columns only average: a product page round whose p99 was
 * one second's burst of 30-86 ms showed neither the host, the engine's stops nor the generator's wake-ups in that
 * second (issue 4's note of 2026-12-07, fifty-third session), which leaves whatever else took the cores.
 *
 * <p>Only each process's own {@code stat} is read, never its threads': a walk over every thread's files ten times a
 * second disturbed two rounds (see {@code Hiccups}).
 */
public final class CoreTimeline implements AutoCloseable {

    private final Supplier<Map<Long, String>> roles;
    private final Function<Set<Long>, Map<Long, Long>> reader;
    private final List<Period> periods = new ArrayList<>();
    private Map<Long, String> roleOf = Map.of();
    private Map<Long, Long> last = Map.of();
    private double lastAt = Double.NaN;
    private volatile boolean running = true;

    /**
     * @param roles  the processes to watch now, each with its role, in the order their roles are to be told; asked
     *               again at every {@link #mark()}
     * @param reader the utime + stime ticks of those of these processes that still run, by pid
     */
    CoreTimeline(Supplier<Map<Long, String>> roles, Function<Set<Long>, Map<Long, Long>> reader) {
        this.roles = roles;
        this.reader = reader;
        roleOf = inOrder(roles.get());
    }

    /** Starts sampling these processes on a daemon thread of its own. */
    public static CoreTimeline start(Supplier<Map<Long, String>> roles) {
        var timeline = new CoreTimeline(roles, CoreTimeline::read);
        HostSteal.sampleEveryPeriod("bench-core-timeline", () -> timeline.running, timeline::sample);
        return timeline;
    }

    /**
     * Reads the processes' counters once and keeps, by role, what they used since the last reading; a process that
     * started or ended in between counts only while both readings saw it.
     *
     * @param at the moment, on the latency timelines' axis (seconds since the suite started)
     */
    void sample(double at) {
        Map<Long, String> watched;
        synchronized (periods) {
            watched = roleOf;
        }
        var now = reader.apply(watched.keySet());
        synchronized (periods) {
            if (!Double.isNaN(lastAt) && watched == roleOf) {
                var used = new HashMap<String, Long>();
                now.forEach((pid, ticks) -> {
                    var before = last.get(pid);
                    var role = roleOf.get(pid);
                    if (before != null && role != null) {
                        used.merge(role, Math.max(0, ticks - before), Long::sum);
                    }
                });
                periods.add(new Period(lastAt, at, used));
            }
            last = now;
            lastAt = at;
        }
    }

    /** Forgets what was sampled so far and asks again which processes to watch. */
    public void mark() {
        var watched = inOrder(roles.get());
        synchronized (periods) {
            periods.clear();
            roleOf = watched;
            last = Map.of();
            lastAt = Double.NaN;
        }
    }

    /**
     * What each role used between two moments since the last {@link #mark()}, on the latency timelines' axis: of
     * every period that overlaps them, in milliseconds of core time, beside what it used in an average second since
     * the mark. Roles in the order their first process was named.
     */
    public List<Used> usedBetween(double from, double to) {
        synchronized (periods) {
            var within = new HashMap<String, Long>();
            var all = new HashMap<String, Long>();
            for (var period : periods) {
                period.used().forEach((role, ticks) -> all.merge(role, ticks, Long::sum));
                if (period.end() > from && period.start() < to) {
                    period.used().forEach((role, ticks) -> within.merge(role, ticks, Long::sum));
                }
            }
            var seconds = periods.isEmpty() ? 0 : periods.getLast().end() - periods.getFirst().start();
            var used = new ArrayList<Used>();
            for (var role : roleOf.values().stream().distinct().toList()) {
                used.add(new Used(role, within.getOrDefault(role, 0L) * CpuMeter.MILLIS_PER_TICK,
                        seconds <= 0 ? 0 : all.getOrDefault(role, 0L) * CpuMeter.MILLIS_PER_TICK / seconds));
            }
            return used;
        }
    }

    private static Map<Long, String> inOrder(Map<Long, String> roles) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    /**
     * What one role used.
     *
     * @param millis          core time in the span asked for, in milliseconds
     * @param perSecondMillis core time in an average second since the mark, in milliseconds
     */
    public record Used(String role, double millis, double perSecondMillis) {}

    private record Period(double start, double end, Map<String, Long> used) {}

    /** Each process's ticks so far, leaving out those that ended since the roles were asked for. */
    private static Map<Long, Long> read(Set<Long> pids) {
        var ticks = new HashMap<Long, Long>();
        for (var pid : pids) {
            var used = CpuMeter.processTicks(pid);
            if (used >= 0) {
                ticks.put(pid, used);
            }
        }
        return ticks;
    }

    /** Its thread ends within a period. */
    @Override
    public void close() {
        running = false;
    }
}
