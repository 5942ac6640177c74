package io.emporium.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafepointLogTest {

    /** As JDK 25 writes them with -Xlog:safepoint=info and the utctime decoration. */
    private static final String YOUNG_PAUSE = "[2026-12-07T01:01:24.419+0000] Safepoint \"G1CollectForAllocation\", "
            + "Time since last: 895695021 ns, Reaching safepoint: 391317 ns, At safepoint: 22801493 ns, Leaving "
            + "safepoint: 24667 ns, Total: 23217477 ns, Threads: 1 runnable, 10 total\n";
    private static final String CLEANUP = "[2026-12-07T01:01:25.001+0000] Safepoint \"Cleanup\", Time since last: "
            + "1000000 ns, Reaching safepoint: 5000 ns, At safepoint: 40000 ns, Leaving safepoint: 2000 ns, Total: "
            + "47000 ns, Threads: 0 runnable, 10 total\n";

    @TempDir
    Path directory;

    @Test
    void countsOnlyTheStopsWrittenAfterTheMark() throws IOException {
        var file = directory.resolve("engine-1-safepoints.log");
        var log = new SafepointLog(file);
        Files.writeString(file, YOUNG_PAUSE);
        var mark = log.mark();

        Files.writeString(file, CLEANUP + YOUNG_PAUSE.replace("23217477", "5100000"), StandardOpenOption.APPEND);

        var stops = log.since(mark);
        assertThat(stops.count()).isEqualTo(2);
        assertThat(stops.millis()).isCloseTo(5.147, offset(1e-9));
        assertThat(stops.longestMillis()).isCloseTo(5.1, offset(1e-9));
        assertThat(stops.longestOperation()).isEqualTo("G1CollectForAllocation");
    }

    @Test
    void findsTheLongestStopThatOverlappedASpanOfTimeOfDay() throws IOException {
        var file = directory.resolve("engine-1-safepoints.log");
        var log = new SafepointLog(file);
        var mark = log.mark();
        Files.writeString(file, YOUNG_PAUSE + CLEANUP);

        // the young pause ended at 01:01:24.419 after 23.2 ms, the cleanup at 01:01:25.001 after 0.047 ms
        assertThat(log.longestBetween(mark, Instant.parse("2026-12-07T01:01:24.400Z"),
                Instant.parse("2026-12-07T01:01:25.400Z"))).isCloseTo(23.217477, offset(1e-9));
        assertThat(log.longestBetween(mark, Instant.parse("2026-12-07T01:01:24.420Z"),
                Instant.parse("2026-12-07T01:01:25.420Z"))).isCloseTo(0.047, offset(1e-9));
        assertThat(log.longestBetween(mark, Instant.parse("2026-12-07T01:01:23.000Z"),
                Instant.parse("2026-12-07T01:01:24.000Z"))).isZero();
    }

    @Test
    void leavesALineStillBeingWrittenForLater() throws IOException {
        var file = directory.resolve("engine-1-safepoints.log");
        var log = new SafepointLog(file);
        var mark = log.mark();

        Files.writeString(file, CLEANUP + YOUNG_PAUSE.substring(0, 80));

        assertThat(log.since(mark)).isEqualTo(new SafepointLog.Stops(1, 0.047, 0.047, "Cleanup"));
    }

    @Test
    void aMarkTakenWhileALineIsWrittenLeavesThatLineToWhatFollows() throws IOException {
        var file = directory.resolve("engine-1-safepoints.log");
        var log = new SafepointLog(file);
        Files.writeString(file, YOUNG_PAUSE + CLEANUP.substring(0, 40));
        var mark = log.mark();

        Files.writeString(file, CLEANUP.substring(40), StandardOpenOption.APPEND);

        assertThat(log.since(mark)).isEqualTo(new SafepointLog.Stops(1, 0.047, 0.047, "Cleanup"));
    }

    @Test
    void findsTheLastWholeLineOfALogLongerThanOneRead() throws IOException {
        var file = directory.resolve("engine-1-safepoints.log");
        var log = new SafepointLog(file);
        Files.writeString(file, YOUNG_PAUSE.repeat(100) + "x".repeat(5000));
        var mark = log.mark();

        Files.writeString(file, "\n" + CLEANUP, StandardOpenOption.APPEND);

        assertThat(mark).isEqualTo(YOUNG_PAUSE.length() * 100L);
        assertThat(log.since(mark)).isEqualTo(new SafepointLog.Stops(1, 0.047, 0.047, "Cleanup"));
    }

    @Test
    void isWrittenBesideItsJvmsConsoleLog() {
        assertThat(SafepointLog.beside(directory.resolve("engine-2.log")).jvmArguments()).containsExactly(
                "-Xlog:safepoint=info:file=" + directory.resolve("engine-2-safepoints.log") + ":utctime:filecount=0");
    }

    @Test
    void findsNoStopsInALogNotYetWritten() {
        var log = new SafepointLog(directory.resolve("absent.log"));

        assertThat(log.since(log.mark())).isEqualTo(SafepointLog.Stops.NONE);
    }

    @Test
    void asksTheJvmForOneLineASafepointInItsOwnFile() {
        var file = directory.resolve("engine-2-safepoints.log");

        assertThat(new SafepointLog(file).jvmArguments())
                .containsExactly("-Xlog:safepoint=info:file=" + file + ":utctime:filecount=0");
    }

    @Test
    void refusesAPathTheJvmOptionCouldNotHold() {
        assertThatThrownBy(() -> new SafepointLog(Path.of("/tmp/a:b/engine-safepoints.log")).jvmArguments())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
