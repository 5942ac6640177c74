package io.emporium.bench.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads CPU time from /proc: per process (user + system) and for the whole machine. Where /proc is missing every
 * reading is zero and the report shows no CPU use.
 */
public final class CpuMeter {

    /** Linux reports CPU time in clock ticks of 1/100 s on every common configuration. */
    static final double TICKS_PER_SECOND = 100;
    static final double MILLIS_PER_TICK = 1000 / TICKS_PER_SECOND;

    private final Supplier<List<ProcessHandle>> engine;
    private final Supplier<List<ProcessHandle>> postgres;

    /**
     * @param engine   the engine's processes now (none while it is not running)
     * @param postgres PostgreSQL's processes now (postmaster and backends)
     */
    public CpuMeter(Supplier<List<ProcessHandle>> engine, Supplier<List<ProcessHandle>> postgres) {
        this.engine = engine;
        this.postgres = postgres;
    }

    /** The processes of a PostgreSQL whose postmaster has this pid: it and all its backends. */
    public static List<ProcessHandle> postmasterTree(long postmasterPid) {
        return ProcessHandle.of(postmasterPid)
                .map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList())
                .orElse(List.of());
    }

    /**
     * The suite's processes now, each with its role, in the order a report tells them: the engine's, the generator
     * (this JVM), PostgreSQL's, then the other servers this JVM started, told apart by their command lines.
     */
    public Map<Long, String> roles() {
        var roles = new LinkedHashMap<Long, String>();
        engine.get().forEach(process -> roles.put(process.pid(), "the engine"));
        roles.put(ProcessHandle.current().pid(), "the generator");
        postgres.get().forEach(process -> roles.putIfAbsent(process.pid(), "PostgreSQL"));
        ProcessHandle.current().descendants()
                .forEach(process -> roles.putIfAbsent(process.pid(), serverRole(process.info().commandLine()
                        .orElse(""))));
        return roles;
    }

    /** A server's role by its command line: Elasticsearch and Kafka run as Java processes like the others. */
    static String serverRole(String commandLine) {
        var line = commandLine.toLowerCase(Locale.ROOT);
        if (line.contains("org.elasticsearch")) {
            return "Elasticsearch";
        }
        if (line.contains("kafka")) {
            return "Kafka";
        }
        if (line.contains("postgres")) {
            return "PostgreSQL";
        }
        return "other servers";
    }

    /**
     * CPU time used so far, to be compared with a later snapshot. The suite's other child processes (Kafka,
     * Elasticsearch, under their guards) are whatever descends from this JVM and is not the engine.
     */
    public Snapshot snapshot() {
        var engineProcesses = engine.get();
        var enginePids = engineProcesses.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        var servers = ProcessHandle.current().descendants().filter(process -> !enginePids.contains(process.pid()))
                .toList();
        var engineThreads = new HashMap<Long, Threads>();
        engineProcesses.forEach(process -> engineThreads.put(process.pid(), threads(directory(process))));
        return new Snapshot(System.nanoTime(), ticks(engineProcesses), only(engineThreads, Threads::jitTicks),
                only(engineThreads, Threads::waitNanos), ticks(postgres.get()), ticks(servers),
                ticks(List.of(ProcessHandle.current())), machineBusyTicks());
    }

    /**
     * CPU time of processes by pid, and of the whole machine, at one moment; {@code engineJit} is the part of the
     * engine's that its JIT compiler threads used, {@code engineWait} the nanoseconds its threads spent ready to run
     * but without a core (none where the kernel keeps no scheduler statistics).
     */
    public record Snapshot(long nanos, Map<Long, Long> engine, Map<Long, Long> engineJit, Map<Long, Long> engineWait,
                           Map<Long, Long> postgres, Map<Long, Long> servers, Map<Long, Long> generator,
                           long machineBusy) {

        /** Average cores used between {@code earlier} and this snapshot. */
        public CpuUse since(Snapshot earlier) {
            var seconds = (nanos - earlier.nanos) / 1e9;
            if (seconds <= 0) {
                return CpuUse.NONE;
            }
            var engineCores = delta(engine, earlier.engine) / TICKS_PER_SECOND / seconds;
            var jitCores = Math.min(engineCores, delta(engineJit, earlier.engineJit) / TICKS_PER_SECOND / seconds);
            var postgresCores = delta(postgres, earlier.postgres) / TICKS_PER_SECOND / seconds;
            var serverCores = delta(servers, earlier.servers) / TICKS_PER_SECOND / seconds;
            var generatorCores = delta(generator, earlier.generator) / TICKS_PER_SECOND / seconds;
            var machineCores = (machineBusy - earlier.machineBusy) / TICKS_PER_SECOND / seconds;
            var other = Math.max(0, machineCores - engineCores - postgresCores - serverCores - generatorCores);
            var waiting = engineWait.isEmpty() || earlier.engineWait.isEmpty() ? Double.NaN
                    : delta(engineWait, earlier.engineWait) / 1e9 / seconds;
            return new CpuUse(engineCores, jitCores, waiting, postgresCores, serverCores, generatorCores, other,
                    seconds);
        }

        private static long delta(Map<Long, Long> now, Map<Long, Long> before) {
            var sum = 0L;
            for (var entry : now.entrySet()) {
                sum += Math.max(0, entry.getValue() - before.getOrDefault(entry.getKey(), 0L));
            }
            return sum;
        }
    }

    /** The CPU time these processes have used so far, in seconds (zero where /proc is missing). */
    public static double seconds(List<ProcessHandle> processes) {
        return ticks(processes).values().stream().mapToLong(Long::longValue).sum() / TICKS_PER_SECOND;
    }

    private static Map<Long, Long> ticks(List<ProcessHandle> processes) {
        var ticks = new HashMap<Long, Long>();
        processes.forEach(process -> ticks.put(process.pid(), statTicks(directory(process))));
        return only(ticks, used -> used);
    }

    /** The readings of {@code by} that are known (not negative), by pid. */
    private static <T> Map<Long, Long> only(Map<Long, T> readings, ToLongFunction<T> by) {
        var known = new HashMap<Long, Long>();
        readings.forEach((pid, reading) -> {
            var value = by.applyAsLong(reading);
            if (value >= 0) {
                known.put(pid, value);
            }
        });
        return known;
    }

    /** utime + stime of the process with this pid so far, in ticks; -1 if it is gone or there is no /proc. */
    static long processTicks(long pid) {
        return statTicks(Path.of("/proc", Long.toString(pid)));
    }

    private static Path directory(ProcessHandle process) {
        return Path.of("/proc", Long.toString(process.pid()));
    }

    /**
     * What one walk over a process's threads adds up to.
     *
     * @param jitTicks  utime + stime of its JIT compiler threads (HotSpot names them "C1 CompilerThread0",
     *                  "C2 CompilerThread1", cut to 15 characters in /proc); 0 if none. A compiler thread that ended
     *                  takes its time with it, so this can only fall when HotSpot retires one.
     * @param waitNanos how long its threads have been runnable but waiting for a core: the second field of each
     *                  thread's {@code schedstat}; -1 if the kernel keeps no such statistics or the process is gone.
     *                  On two cores shared by the engine and the load generator, the product page's open-model p99
     *                  at 10,594 pages/s followed its event loops' wait: 2.6 ms at 0.12 s of it per second, 13-14 ms
     *                  at 0.55-0.94 (throwaway Jump runs with a schedstat sampler, issue 4's note of 2026-12-05).
     */
    record Threads(long jitTicks, long waitNanos) {}

    /** The threads of the process whose /proc directory is {@code process}, each thread's files read once. */
    static Threads threads(Path process) {
        var jit = 0L;
        var waited = 0L;
        var waits = 0;
        try (var threads = Files.list(process.resolve("task"))) {
            for (var thread : (Iterable<Path>) threads::iterator) {
                if (isCompiler(thread.resolve("comm"))) {
                    jit += Math.max(0, statTicks(thread)); // an ended thread counts 0
                }
                var wait = threadWaitNanos(thread);
                if (wait >= 0) {
                    waited += wait;
                    waits++;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Threads(0, -1);
        }
        return new Threads(jit, waits == 0 ? -1 : waited);
    }

    private static long threadWaitNanos(Path thread) {
        try {
            return Long.parseLong(Files.readString(thread.resolve("schedstat")).strip().split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1; // an ended thread takes its wait with it
        }
    }

    private static boolean isCompiler(Path comm) {
        try {
            var name = Files.readString(comm).strip();
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * utime + stime of the process or thread whose /proc directory is {@code directory}, from the fields of its
     * {@code stat} after the parenthesised command name; -1 if gone.
     */
    private static long statTicks(Path directory) {
        try {
            return parseProcessTicks(Files.readString(directory.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long parseProcessTicks(String stat) {
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Busy ticks of all cores: everything but idle and iowait, from the first line of /proc/stat. */
    static long machineBusyTicks() {
        var line = machineLine();
        return line == null ? 0 : parseMachineBusyTicks(line);
    }

    /** The first line of /proc/stat, all cores' times since boot: "cpu  user nice system idle …"; null if none. */
    static @Nullable String machineLine() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            return lines.findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static long parseMachineBusyTicks(String cpuLine) {
        var fields = cpuLine.trim().split("\\s+");
        var busy = 0L;
        for (var i = 1; i < Math.min(fields.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }
}
