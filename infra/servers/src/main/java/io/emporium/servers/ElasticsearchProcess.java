package io.emporium.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-node Elasticsearch, run from an unpacked distribution as a child process of this JVM, on free loopback
 * ports, with security off (it only listens on loopback) and the disk watermarks off (a nearly full disk on a
 * developer machine must not turn indices read-only).
 *
 * <p>Everything it writes (configuration copy, data, logs, temporary files) stays under the work directory; data
 * starts empty on every start. Elasticsearch refuses to run as root: as root it runs in a user namespace where it is
 * user 1000, which needs no such user on the machine.
 */
public final class ElasticsearchProcess implements AutoCloseable {

    /** Ample for a cold start on a busy two-core machine, where about 10 s is usual. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final ChildProcess process;
    private final URI uri;

    private ElasticsearchProcess(ChildProcess process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /**
     * Starts Elasticsearch and returns once the cluster is yellow, that is, ready to create indices and serve them.
     *
     * @param home    the unpacked distribution, with our plugin in {@code plugins/}
     * @param workDir where the node keeps its configuration, data and logs (created if missing)
     * @throws IllegalStateException if it does not become ready within two minutes or ends meanwhile; the message
     *                               holds the end of its log
     */
    public static ElasticsearchProcess start(Path home, Path workDir) {
        var config = workDir.resolve("config");
        var data = workDir.resolve("data");
        var logs = workDir.resolve("logs");
        var tmp = workDir.resolve("tmp");
        try {
            PathTrees.delete(data);
            PathTrees.copy(home.resolve("config"), config, StandardCopyOption.REPLACE_EXISTING);
            for (var dir : List.of(data, logs, tmp)) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + workDir + " for Elasticsearch", e);
        }
        var ports = LoopbackPorts.free(2);
        var settings = new LinkedHashMap<String, String>();
        settings.put("discovery.type", "single-node");
        settings.put("network.host", "127.0.0.1");
        settings.put("http.port", Integer.toString(ports[0]));
        settings.put("transport.port", Integer.toString(ports[1]));
        settings.put("xpack.security.enabled", "false");
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        settings.put("path.data", data.toString());
        settings.put("path.logs", logs.toString());

        var command = new ArrayList<String>();
        if (runsAsRoot()) {
            command.addAll(List.of("unshare", "-U", "--map-user=1000", "--map-group=1000"));
        }
        command.add(home.resolve("bin/elasticsearch").toString());
        settings.forEach((key, value) -> command.add("-E" + key + "=" + value));
        var environment = Map.of(
                "ES_JAVA_HOME", System.getProperty("java.home"),
                "ES_JAVA_OPTS", "-Xms512m -Xmx512m",
                "ES_PATH_CONF", config.toString(),
                "ES_TMPDIR", tmp.toString());

        var uri = URI.create("http://127.0.0.1:" + ports[0]);
        var process = ChildProcess.start("Elasticsearch", command, environment, workDir,
                workDir.resolve("elasticsearch-console.log")).awaitReady(started -> awaitYellow(started, uri));
        return new ElasticsearchProcess(process, uri);
    }

    /** The node's HTTP address, such as {@code http://127.0.0.1:41235}. */
    public URI uri() {
        return uri;
    }

    /** Stops the node and every process it started, gracefully if it can; returns once none is left. */
    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "Elasticsearch at " + uri;
    }

    private static void awaitYellow(ChildProcess process, URI uri) {
        var health = HttpRequest.newBuilder(uri.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .build();
        var deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (true) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // Not listening yet.
                }
                if (process.endsWithin(POLL_INTERVAL)) {
                    throw process.failure("ended while starting");
                }
                if (System.nanoTime() > deadline) {
                    throw process.failure("was not ready within " + STARTUP_TIMEOUT.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Elasticsearch was starting", e);
        }
    }

    private static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
