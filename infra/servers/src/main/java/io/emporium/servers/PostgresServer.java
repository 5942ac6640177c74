package io.emporium.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL (zonky's embedded binaries from Maven Central; as root it runs in a user namespace by itself).
 * pg_ctl detaches the postmaster from this JVM, so a watcher of its own stops it (fast shutdown) once this JVM is
 * gone, even after a SIGKILL that runs no shutdown hook.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String WATCH = """
            owner=$1 postmaster=$2
            while kill -0 "$owner" 2>/dev/null && kill -0 "$postmaster" 2>/dev/null; do sleep 1; done
            kill -0 "$owner" 2>/dev/null || kill -INT "$postmaster" 2>/dev/null
            """;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres server;
    private final long postmasterPid;

    private PostgresServer(EmbeddedPostgres server, long postmasterPid) {
        this.server = server;
        this.postmasterPid = postmasterPid;
    }

    public static PostgresServer start(Path workDir) {
        return start(workDir, Map.of());
    }

    /**
     * @param settings server settings on top of the defaults, such as {@code wal_level=logical} for a probe that
     *                 reads the write-ahead log by logical decoding; a setting given here wins over a default
     */
    public static PostgresServer start(Path workDir, Map<String, String> settings) {
        try {
            Files.createDirectories(workDir);
            var builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir.resolve("binaries").toFile())
                    .setDataDirectory(workDir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "200")
                    // zonky turns fsync off for speed; Emporium's figures and claims are about durable commits.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // After a checkpoint the next change to each page logs the whole page. PlaceOrder at its peak
                    // wrote 10-18 MB of WAL a second (bench scenario 5: WAL bytes per order times orders a second),
                    // so the default 1 GB, which starts a checkpoint after about 1 GB / 1.9, meant one every 30-55 s,
                    // and every page of the random-key indexes an order touches logged whole again each time, more
                    // of them as the store grows. Spaced for a store's write rate instead; crash recovery then
                    // replays more WAL, bounded by these two.
                    .setServerConfig("max_wal_size", "8GB")
                    .setServerConfig("checkpoint_timeout", "15min");
            settings.forEach(builder::setServerConfig);
            var server = builder.start();
            var postmaster = postmasterPid(workDir);
            watchOwner(postmaster);
            return new PostgresServer(server, postmaster);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public String jdbcUrl() {
        return server.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return server.getPort();
    }

    long postmasterPid() {
        return postmasterPid;
    }

    /** The first line of postmaster.pid: the pid of the server that owns the data directory. */
    static long postmasterPid(Path workDir) throws IOException {
        return Long.parseLong(Files.readAllLines(workDir.resolve("data").resolve("postmaster.pid")).getFirst().trim());
    }

    private static void watchOwner(long postmaster) throws IOException {
        new ProcessBuilder(List.of("setsid", "bash", "-c", WATCH, "emporium-postgres-watch",
                Long.toString(ProcessHandle.current().pid()), Long.toString(postmaster)))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
    }

    /** Returns once the postmaster has ended, not merely once pg_ctl was asked to stop it. */
    @Override
    public void close() throws IOException {
        server.close();
        ProcessHandle.of(postmasterPid).ifPresent(postmaster -> {
            try {
                postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                postmaster.destroyForcibly();
            }
        });
    }
}
