package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emporium.servers.ChildProcess;
import io.emporium.servers.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.ApplicationContext;

/**
 * The packaged engine jar in a process of its own, against the servers of this test's engine: an instance that can
 * be killed as a crash would kill it, which an engine inside the test's JVM cannot.
 */
final class EngineProcess implements AutoCloseable {

    /** A cold start on a busy two-core machine. */
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Path JAR = Path.of("target", "emporium.jar");
    /** The JVM options the engine ships with, beside its jar. */
    private static final Path OPTIONS = Path.of("target", "emporium.jvm-options");
    /**
     * Whatever leak detection the engine ships with, in tests every buffer is tracked, and a leak, which Netty logs,
     * fails the test as the engine is closed ({@link NettyLeaks} does the same in the test's own JVM).
     */
    private static final String PARANOID_LEAK_DETECTION = "-Dio.netty.leakDetection.level=paranoid";
    private static final String LEAK_REPORT = "LEAK: ";

    private final ChildProcess process;
    private final Path log;

    private EngineProcess(ChildProcess process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the engine jar with the servers {@code context} uses and waits until its readiness probe answers.
     *
     * @param arguments the engine's command-line arguments, such as the roles it runs
     */
    static EngineProcess start(ApplicationContext context, String name, List<String> arguments) throws IOException {
        if (!Files.isRegularFile(JAR) || !Files.isRegularFile(OPTIONS)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " or its options are missing: the engine jar is "
                    + "packaged before the integration tests run (mvn verify)");
        }
        var jdbc = context.getBean(JdbcConnectionDetails.class);
        var environment = new HashMap<String, String>();
        environment.put("SPRING_DATASOURCE_URL", jdbc.getJdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", jdbc.getUsername());
        environment.put("SPRING_DATASOURCE_PASSWORD", jdbc.getPassword());
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS",
                String.join(",", context.getBean(KafkaConnectionDetails.class).getBootstrapServers()));
        environment.put("SPRING_ELASTICSEARCH_URIS", context.getBean(ElasticsearchConnectionDetails.class).getNodes()
                .stream().map(node -> node.protocol().name().toLowerCase(Locale.ROOT) + "://" + node.hostname() + ":" + node.port())
                .collect(Collectors.joining(",")));
        environment.put("EMPORIUM_PAYMENTS_PSP_URL",
                context.getEnvironment().getRequiredProperty("emporium.payments.psp.url"));
        var port = LoopbackPorts.free();
        environment.put("EMPORIUM_PORT", Integer.toString(port));
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + OPTIONS.toAbsolutePath(), "-Xmx1g", PARANOID_LEAK_DETECTION, "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(arguments);
        var log = Files.createTempFile("emporium-" + name + "-", ".log");
        var process = ChildProcess.start(name, command, environment, Path.of("").toAbsolutePath(), log);
        var engine = new EngineProcess(process, log);
        try {
            engine.awaitReady(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"));
            return engine;
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
    }

    private void awaitReady(URI readiness) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build();
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw process.failure("ended before it was ready");
            }
            try {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        });
    }

    /** SIGKILL, as a crash: no shutdown hook runs, nothing in flight is finished or flushed. */
    void kill() {
        process.kill();
    }

    /** Stops it gracefully; fails if Netty reported a leaked buffer in the engine's log. */
    @Override
    public void close() {
        process.stop();
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            assertThat(lines.filter(line -> line.contains(LEAK_REPORT)).toList())
                    .as("buffers Netty found unreleased in the engine's log " + log).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the engine's log " + log, e);
        }
    }
}
