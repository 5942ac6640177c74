package io.emporium.bench.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a JVM of the bench writes each time it stopped all its threads (a safepoint: a young collection, a
 * deoptimisation, a class redefinition), so a round can say how long the engine stood still in it. The page's open
 * rounds missed their p99 by 20-60 ms on a night when the engine's young pauses took 3.5-10.7 ms every 4.6 s, the
 * rounds with the longest pauses having the worst p99 (a GC log read by hand beside the suite's report, issue 4's
 * note of 2026-12-06, forty-fifth session); a figure beside each round keeps that reading in every report. A round
 * reads what the JVM wrote between two marks (byte offsets); only a stop's place within a round is found by the time
 * of day its line gives.
 */
public final class SafepointLog {

    /** HotSpot's unified logging, info level: one line per safepoint, written as it ends. */
    private static final Pattern LINE = Pattern.compile("Safepoint \"([^\"]+)\".* Total: (\\d+) ns");
    /** The utctime decoration that begins each line: when the stop ended, to the millisecond. */
    private static final Pattern ENDED = Pattern.compile("^\\[([^]]+)]");
    private static final DateTimeFormatter UTCTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final Path file;

    public SafepointLog(Path file) {
        this.file = file;
    }

    /** The log of the JVM whose console output goes to {@code consoleLog}: engine-1.log, engine-1-safepoints.log. */
    static SafepointLog beside(Path consoleLog) {
        var name = consoleLog.getFileName().toString();
        var stem = name.endsWith(".log") ? name.substring(0, name.length() - ".log".length()) : name;
        return new SafepointLog(consoleLog.resolveSibling(stem + "-safepoints.log"));
    }

    /**
     * The JVM options that make a JVM write this log. A path with a colon in it would end the option early, and the
     * bench's directories have none (a run's directory is named by its time as digits).
     */
    public List<String> jvmArguments() {
        if (file.toString().contains(":")) {
            throw new IllegalArgumentException("the safepoint log's path cannot hold a colon: " + file);
        }
        return List.of("-Xlog:safepoint=info:file=" + file + ":utctime:filecount=0");
    }

    /**
     * Where the log's last whole line ends now: what is finished after it belongs to what comes next, including a
     * line the JVM is still writing.
     */
    public long mark() {
        var length = length();
        // Read back from the end until a line ends: a line is a few hundred bytes, the log a line per stop.
        for (long window = 4096; ; window *= 2) {
            var from = Math.max(0, length - window);
            var end = wholeLinesFrom(from).end();
            if (end > from || from == 0) {
                return end;
            }
        }
    }

    private long length() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stops whose lines were finished after {@code mark}; a line still being written counts next time. */
    public Stops since(long mark) {
        var stops = Stops.NONE;
        for (var stop : stopsAfter(mark)) {
            stops = stops.plus(stop.operation(), stop.nanos() / 1e6);
        }
        return stops;
    }

    /**
     * The longest stop after {@code mark} that overlapped the time from {@code from} to {@code to}, in milliseconds;
     * 0 if none did. A stop is placed by the time its line gives, when it ended, to the millisecond.
     */
    public double longestBetween(long mark, Instant from, Instant to) {
        return stopsAfter(mark).stream().filter(stop -> stop.ended() != null && stop.ended().isAfter(from)
                        && stop.ended().minusNanos(stop.nanos()).isBefore(to))
                .mapToDouble(stop -> stop.nanos() / 1e6).max().orElse(0);
    }

    /** One stop as its line gives it: what for, how long, and when it ended (null for a line without the time). */
    private record Stop(String operation, long nanos, @Nullable Instant ended) {}

    private List<Stop> stopsAfter(long mark) {
        var stops = new ArrayList<Stop>();
        for (var line : wholeLinesFrom(mark).text().split("\n")) {
            var stop = LINE.matcher(line);
            if (stop.find()) {
                var ended = ENDED.matcher(line);
                stops.add(new Stop(stop.group(1), Long.parseLong(stop.group(2)),
                        ended.find() ? OffsetDateTime.parse(ended.group(1), UTCTIME).toInstant() : null));
            }
        }
        return stops;
    }

    /** The whole lines written from {@code offset} on, and the offset just after the last of them. */
    private Lines wholeLinesFrom(long offset) {
        if (!Files.exists(file)) {
            return new Lines("", offset);
        }
        try (var log = new RandomAccessFile(file.toFile(), "r")) {
            var bytes = new byte[Math.toIntExact(Math.max(0, log.length() - offset))];
            log.seek(offset);
            log.readFully(bytes);
            var whole = 0;
            for (var i = bytes.length - 1; i >= 0 && whole == 0; i--) {
                if (bytes[i] == '\n') {
                    whole = i + 1;
                }
            }
            return new Lines(new String(bytes, 0, whole, StandardCharsets.UTF_8), offset + whole);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Lines(String text, long end) {
    }

    /**
     * A JVM's stops over some time.
     *
     * @param count            how many times it stopped
     * @param millis           how long it stood still in all
     * @param longestMillis    the longest stop
     * @param longestOperation what the longest stop was for, such as G1CollectForAllocation
     */
    public record Stops(int count, double millis, double longestMillis, String longestOperation) {

        public static final Stops NONE = new Stops(0, 0, 0, "");

        Stops plus(String operation, double stopMillis) {
            var longer = stopMillis > longestMillis;
            return new Stops(count + 1, millis + stopMillis, longer ? stopMillis : longestMillis,
                    longer ? operation : longestOperation);
        }
    }
}
