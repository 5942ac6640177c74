package io.emporium.servers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that starts one server and then only waits, so that a test can kill it with SIGKILL (no shutdown hook, no
 * close) and check that the server's guard still stops every process it owned.
 */
public final class ServerOwner {

    /** The line the owner prints once its server is ready. */
    static final String READY = "READY";

    private ServerOwner() {
    }

    /**
     * Arguments: {@code elasticsearch|kafka|postgres|psp-simulator}, the distribution's home (unused by postgres and
     * psp-simulator), the work dir.
     */
    public static void main(String[] args) throws Exception {
        var home = Path.of(args[1]);
        var workDir = Path.of(args[2]);
        try (AutoCloseable server = switch (args[0]) {
            case "elasticsearch" -> ElasticsearchProcess.start(home, workDir);
            case "kafka" -> KafkaProcess.start(home, workDir);
            case "postgres" -> PostgresServer.start(workDir);
            case "psp-simulator" -> PspSimulatorProcess.start(workDir);
            default -> throw new IllegalArgumentException("unknown server " + args[0]);
        }) {
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() != -1) {
                // Waits for the test to kill this JVM.
            }
        }
    }

    /**
     * Starts an owner JVM with this test JVM's classpath, and returns once its server is ready.
     *
     * @return the owner JVM, whose descendants are the server's processes
     */
    static Process start(String server, Path home, Path workDir) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var owner = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ServerOwner.class.getName(), server, home.toString(), workDir.toString()))
                .redirectError(workDir.resolveSibling(workDir.getFileName() + "-owner.err").toFile())
                .start();
        var ready = CompletableFuture.supplyAsync(() -> awaitReady(owner));
        if (!ready.get(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS)) {
            owner.destroyForcibly();
            throw new IllegalStateException("the owner of " + server + " ended before its server was ready");
        }
        return owner;
    }

    private static boolean awaitReady(Process owner) {
        try {
            var out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            for (var line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(READY)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
