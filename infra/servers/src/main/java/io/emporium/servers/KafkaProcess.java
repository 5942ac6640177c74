package io.emporium.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one process), run from the broker's jars as a child
 * process of this JVM, on free loopback ports.
 *
 * <p>Internal topics have one replica and one partition, which one broker can serve and which keeps the first
 * consumer group and the first transaction quick; topics are created on first use. Everything it writes
 * (configuration, log segments, its own logs) stays under the work directory; the log starts empty on every start.
 */
public final class KafkaProcess implements AutoCloseable {

    /** Ample on a busy two-core machine, where about 4 s is usual. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaProcess(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats a new log and starts the broker; returns once it accepts connections.
     *
     * @param home    holds the broker's jars in {@code libs/}
     * @param workDir where the broker keeps its configuration, log segments and logs (created if missing)
     * @throws IllegalStateException if formatting fails, or the broker is not listening within two minutes or ends
     *                               meanwhile; the message holds the end of its log
     */
    public static KafkaProcess start(Path home, Path workDir) {
        var ports = LoopbackPorts.free(2);
        var broker = "127.0.0.1:" + ports[0];
        var controller = "127.0.0.1:" + ports[1];
        var data = workDir.resolve("data");
        var logs = workDir.resolve("logs");
        var serverProperties = workDir.resolve("server.properties");
        var log4j = workDir.resolve("log4j2.properties");
        try {
            PathTrees.delete(data);
            Files.createDirectories(logs);
            Files.writeString(serverProperties, serverProperties(broker, controller, data), StandardCharsets.UTF_8);
            Files.writeString(log4j, log4jProperties(logs.resolve("server.log")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + workDir + " for Kafka", e);
        }
        var java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + log4j,
                "-cp", home.resolve("libs").toString() + "/*");

        var format = ChildProcess.start("Kafka's storage format",
                concat(java, "kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", serverProperties.toString(),
                        "--standalone"),
                Map.of(), workDir, workDir.resolve("kafka-storage.log"));
        if (format.awaitExit(FORMAT_TIMEOUT) != 0) {
            throw format.failure("failed");
        }

        var process = ChildProcess.start("Kafka", concat(java, "kafka.Kafka", serverProperties.toString()), Map.of(),
                workDir, workDir.resolve("kafka-console.log"))
                .awaitReady(started -> awaitListening(started, ports[0]));
        return new KafkaProcess(process, broker);
    }

    /** Where clients connect, such as {@code 127.0.0.1:39421}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker, gracefully if it can; returns once its process has ended. */
    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "Kafka at " + bootstrapServers;
    }

    private static String serverProperties(String broker, String controller, Path data) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=%2$s
                listeners=PLAINTEXT://%1$s,CONTROLLER://%2$s
                advertised.listeners=PLAINTEXT://%1$s
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(broker, controller, data);
    }

    private static String log4jProperties(Path file) {
        return """
                status = warn
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                rootLogger.level = info
                rootLogger.appenderRef.file.ref = file
                """.formatted(file);
    }

    /**
     * A new cluster id in Kafka's form: 16 random bytes in URL-safe Base64 without padding. Like Kafka, it avoids
     * a leading dash, which a command line would take for an option.
     */
    private static String clusterId() {
        while (true) {
            var uuid = UUID.randomUUID();
            var bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array();
            var id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /** The broker opens its client port once it has joined its own controller quorum and can serve requests. */
    private static void awaitListening(ChildProcess process, int port) {
        var deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        try {
            while (true) {
                try (var socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 250);
                    return;
                } catch (IOException e) {
                    // Not listening yet.
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
            throw new IllegalStateException("interrupted while Kafka was starting", e);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Arrays.stream(tail)).toList();
    }
}
