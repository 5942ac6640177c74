package io.emporium.cdcprobe.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU seconds (user + system, from /proc) of the parties of a run: which share of the work the exporter, PostgreSQL
 * and Kafka each did is half of the comparison, since on two cores CPU spent is throughput lost elsewhere.
 * Processes that end between two snapshots lose their last ticks; the parties measured here all outlive a run.
 */
public final class CpuTimes {

    /** Linux reports CPU time in ticks of 1/100 s on every common configuration. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Supplier<List<ProcessHandle>>> parties = new LinkedHashMap<>();

    /** @param processes the party's processes at the moment of a snapshot */
    public CpuTimes party(String name, Supplier<List<ProcessHandle>> processes) {
        parties.put(name, processes);
        return this;
    }

    /** A party's processes: these and everything below them. */
    public static List<ProcessHandle> tree(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).toList();
    }

    /** The child processes of this JVM whose command line contains {@code marker}, such as {@code kafka.Kafka}. */
    public static List<ProcessHandle> childrenRunning(String marker) {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains(marker))
                .toList();
    }

    public Snapshot snapshot() {
        var ticks = new LinkedHashMap<String, Map<Long, Long>>();
        parties.forEach((name, processes) -> ticks.put(name, processes.get().stream()
                .collect(Collectors.toMap(ProcessHandle::pid, process -> ticksOf(process.pid()), (a, b) -> a))));
        return new Snapshot(System.nanoTime(), ticks, machineBusyTicks());
    }

    /** CPU ticks per party and process, and the whole machine's busy ticks, at one moment. */
    public record Snapshot(long nanos, Map<String, Map<Long, Long>> ticks, long machineBusy) {

        /** CPU seconds each party used since {@code earlier}, then the machine's busy seconds, as one line. */
        public String since(Snapshot earlier) {
            var line = new StringBuilder();
            ticks.forEach((party, now) -> {
                var before = earlier.ticks.getOrDefault(party, Map.of());
                var used = 0L;
                for (var entry : now.entrySet()) {
                    used += Math.max(0, entry.getValue() - before.getOrDefault(entry.getKey(), 0L));
                }
                line.append(String.format(Locale.ROOT, "%s %.1f s, ", party, used / TICKS_PER_SECOND));
            });
            var seconds = (nanos - earlier.nanos) / 1e9;
            var busy = (machineBusy - earlier.machineBusy) / TICKS_PER_SECOND;
            return line.append(String.format(Locale.ROOT, "machine busy %.1f s of %.1f s x 2 cores", busy, seconds))
                    .toString();
        }
    }

    private static long ticksOf(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Busy ticks of all cores: everything but idle and iowait, from the first line of /proc/stat. */
    private static long machineBusyTicks() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            var fields = lines.findFirst().orElse("cpu").trim().split("\\s+");
            var busy = 0L;
            for (var i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
