package io.emporium.cdcprobe.engine;

import io.emporium.servers.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Design (a) of ADR 007: the engine jar, projections alone, in external mode against the probe's servers. Only its
 * {@code kafka-export} processor may work during a measurement: every other processor's token is moved to the head
 * of the backlog before the engine starts, so they find nothing to do, and the audit hash chain is switched off.
 */
public final class EngineExport implements AutoCloseable {

    public static final String PROCESSOR = "kafka-export";
    public static final String TOPIC = "emporium.orders.v1";
    private static final Logger LOG = LoggerFactory.getLogger(EngineExport.class);
    private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(-?\\d+)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private EngineExport(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the engine; returns at once, before it is ready, so that a measurement can include its start.
     *
     * @param environment the engine's external-mode connection settings (SPRING_DATASOURCE_URL and so on)
     */
    public static EngineExport start(Path jar, Map<String, String> environment, List<String> arguments, Path log)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the engine first");
        }
        var port = LoopbackPorts.free();
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true", "-jar", jar.toString(),
                "--emporium.roles.command.enabled=false", "--emporium.roles.query.enabled=false",
                "--emporium.roles.checkout.enabled=false",
                // The hash chain would read the backlog too: work the CDC side does not do.
                "--emporium.audit.chain.enabled=false"));
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("EMPORIUM_PORT", Integer.toString(port));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        var process = builder.start();
        // Never outlive the probe, whatever ends it short of a SIGKILL.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new EngineExport(process, port);
    }

    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Waits until the readiness probe answers 200: every server the engine uses answered it. */
    public void awaitReady() throws InterruptedException {
        var deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the engine ended while starting, exit " + process.exitValue());
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the engine was not ready within " + STARTUP_TIMEOUT.toSeconds() + " s");
    }

    /**
     * Every processor's token but the export's moves to {@code head}: those processors then have no backlog, and
     * the engine's CPU during a measurement is the export's (plus the idle polling of the others).
     *
     * @return how many token rows moved
     */
    public static int moveOtherProcessorsTo(Connection connection, long head) throws SQLException {
        try (var update = connection.prepareStatement("""
                update token_entry
                   set token = convert_to(?, 'UTF8'),
                       token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = null
                 where processor_name <> ?""")) {
            update.setString(1, "{\"index\":" + head + ",\"gaps\":[]}");
            update.setString(2, PROCESSOR);
            return update.executeUpdate();
        }
    }

    /** The global index the export's token has reached; -1 before it has read anything. */
    public static long exportPosition(Connection connection) throws SQLException {
        try (var query = connection.prepareStatement(
                "select convert_from(token, 'UTF8') from token_entry where processor_name = ? and token is not null")) {
            query.setString(1, PROCESSOR);
            try (var rows = query.executeQuery()) {
                var lowest = Long.MAX_VALUE;
                var any = false;
                while (rows.next()) {
                    var index = INDEX.matcher(rows.getString(1));
                    if (index.find()) {
                        lowest = Math.min(lowest, Long.parseLong(index.group(1)));
                        any = true;
                    }
                }
                return any ? lowest : -1;
            }
        }
    }

    /** Every token row, for the record of a run: processor, segment, token. */
    public static List<String> tokens(Connection connection) throws SQLException {
        var tokens = new ArrayList<String>();
        try (var statement = connection.createStatement(); var rows = statement.executeQuery("""
                select processor_name, segment, coalesce(convert_from(token, 'UTF8'), 'null')
                  from token_entry order by 1, 2""")) {
            while (rows.next()) {
                tokens.add(rows.getString(1) + "/" + rows.getInt(2) + " " + rows.getString(3));
            }
        }
        return tokens;
    }

    /** Stops the engine gracefully (SIGTERM), or kills it after 60 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            LOG.warn("the engine did not stop within 60 s: killing it");
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

}
