package io.emporium.servers;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The PSP simulator (infra/psp-simulator) as a child process of this JVM, on a free loopback port: a payment
 * service provider that honours idempotency keys, keeps a ledger and fails on request. Its state lives in memory,
 * so every start begins with no tokens, payments or faults.
 */
public final class PspSimulatorProcess implements AutoCloseable {

    /** Ample on a busy two-core machine, where well under a second is usual. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    /** The line the simulator prints first, once its port accepts connections. */
    private static final Pattern LISTENING = Pattern.compile("^LISTENING (\\d{1,5})$", Pattern.MULTILINE);

    private final ChildProcess process;
    private final URI uri;

    private PspSimulatorProcess(ChildProcess process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /**
     * Starts the simulator from the distribution the build laid out, and returns once it listens.
     *
     * @param workDir where its log goes (created if missing)
     * @throws IllegalStateException if it does not listen within a minute or ends meanwhile; the message holds the
     *                               end of its log
     */
    public static PspSimulatorProcess start(Path workDir) {
        var home = Distributions.fromBuild().pspSimulatorHome();
        var log = workDir.resolve("psp-simulator.log");
        long logStart;
        try {
            Files.createDirectories(workDir);
            logStart = Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + workDir + " for the PSP simulator", e);
        }
        // The simulator keeps every token, payment and idempotent reply for its lifetime, as a PSP keeps its
        // ledger: its live heap held 8.5 MB after 1,800 orders (class histogram). With 256 MB it stopped
        // answering 21 minutes into a full benchmark run of scenario 1 (up to ~290 orders a second). At 8.5 MB per
        // 1,800 orders (the simulator's own classes included), 2 GB holds over 400,000 orders.
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", home.resolve("libs") + "/*", "io.emporium.psp.PspSimulator", "0");
        var port = new int[1];
        var process = ChildProcess.start("the PSP simulator", command, Map.of(), workDir, log)
                .awaitReady(started -> port[0] = awaitListening(started, log, logStart));
        return new PspSimulatorProcess(process, URI.create("http://127.0.0.1:" + port[0]));
    }

    /** Where the API answers, such as {@code http://127.0.0.1:41235}. */
    public URI uri() {
        return uri;
    }

    /** Stops the simulator; returns once its process has ended. Its payments and ledger are gone with it. */
    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "PSP simulator at " + uri;
    }

    private static int awaitListening(ChildProcess process, Path log, long logStart) {
        var deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        try {
            while (true) {
                var port = listeningPort(log, logStart);
                if (port.isPresent()) {
                    return port.getAsInt();
                }
                if (process.endsWithin(POLL_INTERVAL)) {
                    throw process.failure("ended while starting");
                }
                if (System.nanoTime() > deadline) {
                    throw process.failure("was not listening within " + STARTUP_TIMEOUT.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the PSP simulator was starting", e);
        }
    }

    /** The port announced in what this start appended to the log, which earlier starts may have written before. */
    private static OptionalInt listeningPort(Path log, long logStart) {
        if (!Files.exists(log)) {
            return OptionalInt.empty();
        }
        try (var file = new RandomAccessFile(log.toFile(), "r")) {
            var length = (int) Math.min(file.length() - logStart, 4096);
            if (length <= 0) {
                return OptionalInt.empty();
            }
            var bytes = new byte[length];
            file.seek(logStart);
            file.readFully(bytes);
            var matcher = LISTENING.matcher(new String(bytes, StandardCharsets.UTF_8));
            return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + log, e);
        }
    }
}
