package io.emporium.bench.process;

import io.emporium.servers.EmbeddedServers;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Map;

/**
 * The real servers of this run, owned by this JVM: the baselines use them directly and the engine is pointed at
 * them, so both measure the very same PostgreSQL and Kafka. The PSP simulator is the payment provider checkout
 * talks to.
 */
public record Servers(String jdbcUrl, String username, String password, String kafkaBootstrapServers,
                      URI elasticsearch, URI pspSimulator) {

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    /** Starts the embedded servers (the PSP simulator too), Elasticsearch beside the others to save a few seconds. */
    public static Servers startEmbedded() {
        loadStatementStatistics();
        var embedded = EmbeddedServers.get();
        var elasticsearch = Thread.ofPlatform().name("bench-elasticsearch-start").start(embedded::elasticsearchUri);
        var postgres = embedded.postgres();
        var kafka = embedded.kafkaBootstrapServers();
        var psp = embedded.pspSimulatorUri();
        try {
            elasticsearch.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Elasticsearch started", e);
        }
        // Credentials go apart: the engine derives its R2DBC URL from this one, and R2DBC refuses a user in it.
        var jdbcUrl = "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + postgres.database();
        return new Servers(jdbcUrl, postgres.username(), postgres.password(), kafka, embedded.elasticsearchUri(),
                psp);
    }

    /**
     * PostgreSQL starts with {@code pg_stat_statements} loaded (unless the settings name their own preloaded
     * libraries), so that a scenario can say what each statement cost per request (see
     * {@link io.emporium.bench.postgres.PostgresWork}); the durable-commit baseline runs on the same server.
     */
    private static void loadStatementStatistics() {
        var settings = System.getProperty(EmbeddedServers.POSTGRES_SETTINGS, "").strip();
        if (!settings.contains("shared_preload_libraries")) {
            System.setProperty(EmbeddedServers.POSTGRES_SETTINGS,
                    (settings.isEmpty() ? "" : settings + ",") + "shared_preload_libraries=pg_stat_statements");
        }
    }

    /**
     * A new JDBC connection. A lock the engine holds never stalls the suite for good: waits for locks end after
     * {@link #LOCK_TIMEOUT} with an error.
     */
    public Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("options", "-c lock_timeout=" + LOCK_TIMEOUT.toMillis());
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** The environment that points an engine at these servers (its external mode). */
    public Map<String, String> engineEnvironment() {
        return Map.of(
                "SPRING_DATASOURCE_URL", jdbcUrl,
                "SPRING_DATASOURCE_USERNAME", username,
                "SPRING_DATASOURCE_PASSWORD", password,
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers,
                "SPRING_ELASTICSEARCH_URIS", elasticsearch.toString(),
                "EMPORIUM_PAYMENTS_PSP_URL", pspSimulator.toString());
    }
}
