package io.emporium.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers this JVM starts itself, each on first use and at most once per JVM however many Spring contexts or
 * test classes ask, all stopped by one shutdown hook (normal exit, Ctrl-C, SIGTERM). Child processes additionally
 * watch this JVM, so not even a SIGKILL leaves one behind.
 */
public final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
    /** Extra PostgreSQL settings, see {@link #extraPostgresSettings()}. */
    public static final String POSTGRES_SETTINGS = "emporium.servers.postgres.settings";
    private static final EmbeddedServers INSTANCE = new EmbeddedServers();

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path workDir = newWorkDir();
    private final Once<Postgres> postgres = new Once<>(() -> timed("PostgreSQL", this::startPostgres));
    private final Once<KafkaProcess> kafka = new Once<>(() -> timed("Kafka", () -> register(KafkaProcess.start(
            Distributions.fromBuild().kafkaHome(), workDir.resolve("kafka")))));
    private final Once<ElasticsearchProcess> elasticsearch = new Once<>(() -> timed("Elasticsearch",
            () -> register(ElasticsearchProcess.start(Distributions.fromBuild().elasticsearchHome(),
                    workDir.resolve("elasticsearch")))));
    private final Once<PspSimulatorProcess> pspSimulator = new Once<>(() -> timed("PSP simulator",
            () -> register(PspSimulatorProcess.start(workDir.resolve("psp-simulator")))));

    /** A running PostgreSQL: JDBC URL and superuser credentials of its one database. */
    public record Postgres(String jdbcUrl, String host, int port, String database, String username, String password) {}

    private EmbeddedServers() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "emporium-servers-shutdown"));
    }

    private static Path newWorkDir() {
        try {
            return Files.createTempDirectory("emporium-servers-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EmbeddedServers get() {
        return INSTANCE;
    }

    public Postgres postgres() {
        return postgres.get();
    }

    public String kafkaBootstrapServers() {
        return kafka.get().bootstrapServers();
    }

    public URI elasticsearchUri() {
        return elasticsearch.get().uri();
    }

    /** The PSP simulator's base address, such as {@code http://127.0.0.1:41235}. */
    public URI pspSimulatorUri() {
        return pspSimulator.get().uri();
    }

    private Postgres startPostgres() {
        var server = register(PostgresServer.start(workDir.resolve("postgres"), extraPostgresSettings()));
        return new Postgres(server.jdbcUrl(), "localhost", server.port(), "postgres", "postgres", "postgres");
    }

    /**
     * Settings on top of PostgreSQL's defaults from the system property {@value #POSTGRES_SETTINGS}, as
     * {@code name=value} pairs separated by commas (such as {@code wal_level=logical} for the CDC probe, which reads
     * the write-ahead log by logical decoding). Unset, the server runs with the defaults every test and the bench
     * use.
     */
    static Map<String, String> extraPostgresSettings() {
        return postgresSettings(System.getProperty(POSTGRES_SETTINGS, ""));
    }

    static Map<String, String> postgresSettings(String pairs) {
        var settings = new LinkedHashMap<String, String>();
        for (var pair : pairs.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            var equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(POSTGRES_SETTINGS + " wants name=value pairs, got: " + pair);
            }
            settings.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return settings;
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

    /** A server started on first use, by whichever thread asks first; the others wait for it. */
    private static final class Once<T> {
        private final Supplier<T> start;
        private volatile @Nullable T value;

        Once(Supplier<T> start) {
            this.start = start;
        }

        T get() {
            var current = value;
            if (current == null) {
                synchronized (this) {
                    current = value;
                    if (current == null) {
                        current = start.get();
                        value = current;
                    }
                }
            }
            return current;
        }
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
            forget(workDir);
        }
    }

    /**
     * Deletes the servers' data, logs and unpacked distributions once they stopped: 60–240 MB a run, which piled up
     * to tens of gigabytes in /tmp over a day of test and benchmark runs. A process killed outright leaves it behind.
     */
    private void forget(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a file a stopped server still held: the rest goes, this one stays
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {}: {}", directory, e.toString());
        }
    }
}
