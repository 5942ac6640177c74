package io.emporium.bench.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuMeterTest {

    @Test
    void aProcessesTimeIsItsUserAndSystemTicksWhateverItsNameHoldsInParentheses() {
        var stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1500 250 7 9 20 0 40 0 12345";

        assertThat(CpuMeter.parseProcessTicks(stat)).isEqualTo(1750);
    }

    @Test
    void theJitsTimeIsThatOfTheCompilerThreadsAlone(@TempDir Path process) throws IOException {
        thread(process, 11, "C2 CompilerThre", 400, 20);
        thread(process, 12, "C1 CompilerThre", 30, 5);
        thread(process, 13, "reactor-http-ni", 900, 100);
        thread(process, 14, "GC Thread#0", 70, 3);

        assertThat(CpuMeter.threads(process).jitTicks()).isEqualTo(400 + 20 + 30 + 5);
    }

    @Test
    void aProcessThatIsGoneHasNoJitTime(@TempDir Path directory) {
        assertThat(CpuMeter.threads(directory.resolve("4242")).jitTicks()).isZero();
    }

    @Test
    void theEnginesWaitIsHowLongEachOfItsThreadsWasReadyWithoutACore(@TempDir Path process) throws IOException {
        thread(process, 11, "reactor-http-ni", 900, 100);
        thread(process, 12, "GC Thread#0", 70, 3);
        Files.writeString(process.resolve("task/11/schedstat"), "9000000000 1500000000 4000\n");
        Files.writeString(process.resolve("task/12/schedstat"), "700000000 25000000 90\n");

        assertThat(CpuMeter.threads(process).waitNanos()).isEqualTo(1_500_000_000L + 25_000_000L);
    }

    @Test
    void aKernelWithoutSchedulerStatisticsLeavesTheWaitUnknown(@TempDir Path process) throws IOException {
        thread(process, 11, "reactor-http-ni", 900, 100);
        var before = new CpuMeter.Snapshot(0, Map.of(1L, 100L), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0);
        var after = new CpuMeter.Snapshot(1_000_000_000L, Map.of(1L, 200L), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), 100);

        assertThat(CpuMeter.threads(process).waitNanos()).isEqualTo(-1);
        assertThat(after.since(before).engineWaiting()).isNaN();
    }

    private static void thread(Path process, int id, String name, int user, int system) throws IOException {
        var thread = Files.createDirectories(process.resolve("task").resolve(Integer.toString(id)));
        Files.writeString(thread.resolve("comm"), name + "\n");
        Files.writeString(thread.resolve("stat"), id + " (" + name + ") S 1 4242 4242 0 -1 4194560 1000 0 0 0 "
                + user + " " + system + " 7 9 20 0 40 0 12345");
    }

    @Test
    void theMachinesBusyTimeLeavesOutIdleAndIoWait() {
        var line = "cpu  100 5 50 10000 300 7 8 9 0 0";

        assertThat(CpuMeter.parseMachineBusyTicks(line)).isEqualTo(100 + 5 + 50 + 7 + 8 + 9);
    }

    @Test
    void usesAreCoresAveragedOverTheTimeBetweenSnapshots() {
        var before = new CpuMeter.Snapshot(0, Map.of(1L, 100L), Map.of(1L, 20L), Map.of(1L, 3_000_000_000L),
                Map.of(2L, 50L), Map.of(5L, 0L), Map.of(3L, 10L), 1_000);
        var after = new CpuMeter.Snapshot(2_000_000_000L, Map.of(1L, 300L), Map.of(1L, 60L),
                Map.of(1L, 4_200_000_000L), Map.of(2L, 60L, 4L, 40L), Map.of(5L, 20L), Map.of(3L, 30L), 1_400);

        var use = after.since(before);

        assertThat(use.engine()).isCloseTo(1.0, within(1e-9));
        assertThat(use.engineJit()).as("part of the engine's").isCloseTo(0.2, within(1e-9));
        assertThat(use.engineWaiting()).as("threads ready without a core, on average").isCloseTo(0.6, within(1e-9));
        assertThat(use.postgres()).as("a backend that started meanwhile counts whole").isCloseTo(0.25, within(1e-9));
        assertThat(use.servers()).isCloseTo(0.1, within(1e-9));
        assertThat(use.generator()).isCloseTo(0.1, within(1e-9));
        assertThat(use.other()).isCloseTo(2.0 - 1.0 - 0.25 - 0.1 - 0.1, within(1e-9));
    }

    @Test
    void usesOfSeveralRepetitionsAverageByDuration() {
        var combined = new CpuUse(1, 0, 0.4, 0, 0, 0, 0, 1).plus(new CpuUse(2, 0, 0.8, 0, 0, 0, 0, 3));

        assertThat(combined.engine()).isCloseTo(1.75, within(1e-9));
        assertThat(combined.engineWaiting()).isCloseTo(0.7, within(1e-9));
        assertThat(combined.seconds()).isEqualTo(4);
    }

    @Test
    void theServersAreToldApartByTheirCommandLines() {
        assertThat(CpuMeter.serverRole("/usr/lib/jvm/temurin-25/bin/java -Xms1g -cp /es/lib/* "
                + "org.elasticsearch.launcher.CliToolLauncher")).isEqualTo("Elasticsearch");
        assertThat(CpuMeter.serverRole("/usr/lib/jvm/temurin-25/bin/java -cp /kafka/libs/* kafka.Kafka "
                + "/kafka/config/server.properties")).isEqualTo("Kafka");
        assertThat(CpuMeter.serverRole("/tmp/embedded-pg/bin/postgres -D /tmp/data")).isEqualTo("PostgreSQL");
        assertThat(CpuMeter.serverRole("")).isEqualTo("other servers");
    }
}
