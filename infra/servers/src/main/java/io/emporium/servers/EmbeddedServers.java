package io.emporium.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers this JVM starts itself, each on first use and at most once per JVM however many Spring contexts or
 * test classes ask, all stopped by one shutdown hook (normal exit, Ctrl-C, SIGTERM). Child processes additionally
 * watch this JVM, so not even a SIGKILL leaves one behind.
 */
public final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
    private static final EmbeddedServers INSTANCE = new EmbeddedServers();

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path workDir;
    private volatile Postgres postgres;
    private volatile KafkaProcess kafka;
    private volatile ElasticsearchProcess elasticsearch;

    /** A running PostgreSQL: JDBC URL and superuser credentials of its one database. */
    public record Postgres(String jdbcUrl, String host, int port, String database, String username, String password) {}

    private EmbeddedServers() {
        try {
            workDir = Files.createTempDirectory("emporium-servers-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "emporium-servers-shutdown"));
    }

    public static EmbeddedServers get() {
        return INSTANCE;
    }

    public Postgres postgres() {
        if (postgres == null) {
            synchronized (this) {
                if (postgres == null) {
                    postgres = timed("PostgreSQL", this::startPostgres);
                }
            }
        }
        return postgres;
    }

    public String kafkaBootstrapServers() {
        if (kafka == null) {
            synchronized (this) {
                if (kafka == null) {
                    kafka = timed("Kafka", () -> register(KafkaProcess.start(
                            Distributions.fromBuild().kafkaHome(), workDir.resolve("kafka"))));
                }
            }
        }
        return kafka.bootstrapServers();
    }

    public java.net.URI elasticsearchUri() {
        if (elasticsearch == null) {
            synchronized (this) {
                if (elasticsearch == null) {
                    elasticsearch = timed("Elasticsearch", () -> register(ElasticsearchProcess.start(
                            Distributions.fromBuild().elasticsearchHome(), workDir.resolve("elasticsearch"))));
                }
            }
        }
        return elasticsearch.uri();
    }

    private Postgres startPostgres() {
        var server = register(PostgresServer.start(workDir.resolve("postgres")));
        return new Postgres(server.jdbcUrl(), "localhost", server.port(), "postgres", "postgres", "postgres");
    }

    private <T extends AutoCloseable> T register(T server) {
        synchronized (started) {
            started.push(server);
        }
        return server;
    }

    private static <T> T timed(String name, Supplier<T> start) {
        var begin = System.nanoTime();
        var server = start.get();
        log.info("Started embedded {} in {} ms", name, (System.nanoTime() - begin) / 1_000_000);
        return server;
    }

    private void stopAll() {
        synchronized (started) {
            while (!started.isEmpty()) {
                var server = started.pop();
                try {
                    server.close();
                } catch (Exception e) {
                    log.warn("Could not stop {} cleanly", server, e);
                }
            }
        }
    }
}
