package io.emporium.bench.process;

import io.emporium.servers.LoopbackPorts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The engine jar as its own process, in external mode against this run's servers, on a free loopback port. Ready
 * means its readiness probe answers: every server it uses answered it.
 */
public final class EngineProcess implements AutoCloseable {

    /** A cold start on a busy two-core machine takes about 20 s. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration TRAINING_GRACE = Duration.ofSeconds(120);

    private final GuardedProcess process;
    private final int port;
    private final SafepointLog safepoints;

    private EngineProcess(GuardedProcess process, int port, SafepointLog safepoints) {
        this.process = process;
        this.port = port;
        this.safepoints = safepoints;
    }

    /**
     * @param image the engine, started from its AOT cache when it has one
     * @param roles which roles run, such as all three, or the command side alone
     * @param log   receives the engine's console output; its safepoint log is written beside it
     */
    public static EngineProcess start(EngineImage image, Servers servers, EngineRoles roles, Path log) {
        return start(image.jar(), image.jvmArguments(), servers, roles, log, GuardedProcess.GRACE);
    }

    /**
     * The engine with every role as the training run of its AOT cache: it records what it loads and runs, and writes
     * that record as it exits, which may take longer than an ordinary stop.
     */
    public static EngineProcess startTraining(EngineImage image, Servers servers, Path log) {
        return start(image.jar(), image.recordingArguments(), servers, EngineRoles.ALL, log, TRAINING_GRACE);
    }

    private static EngineProcess start(Path jar, List<String> jvmArguments, Servers servers, EngineRoles roles,
                                       Path log, Duration grace) {
        var port = LoopbackPorts.free();
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true"));
        command.addAll(jvmArguments);
        var safepoints = SafepointLog.beside(log);
        command.addAll(safepoints.jvmArguments());
        // For profiling a run, e.g. -Dbench.engine.jvm-args=-XX:StartFlightRecording=filename=/tmp/engine.jfr
        var extra = System.getProperty("bench.engine.jvm-args", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(roles.arguments());
        var environment = new HashMap<>(servers.engineEnvironment());
        environment.put("EMPORIUM_PORT", Integer.toString(port));
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        var process = GuardedProcess.start("the engine (" + roles + ")", command, environment, log, grace);
        HttpReadiness.await(process, URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"),
                STARTUP_TIMEOUT);
        return new EngineProcess(process, port, safepoints);
    }

    public int port() {
        return port;
    }

    /** Every time the engine stopped all its threads since it started. */
    public SafepointLog safepoints() {
        return safepoints;
    }

    public List<ProcessHandle> processes() {
        return process.tree();
    }

    /** Stops it gracefully (it finishes requests in flight), or kills it after a grace period. */
    @Override
    public void close() {
        process.stop();
    }
}
