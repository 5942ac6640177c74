package io.emporium.bench.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A child process that cannot outlive this JVM. It runs under a small bash guard in a process group of its own; the
 * guard polls this JVM every second and stops the group once this JVM is gone, even after a SIGKILL that runs no
 * shutdown hook. A shutdown hook stops whatever is still running on a normal exit or Ctrl-C.
 */
public final class GuardedProcess {

    private static final String GUARD = """
            owner=$1 grace=$2
            shift 2
            setsid "$@" </dev/null &
            child=$!
            stop() {
              trap '' TERM INT HUP
              kill -TERM -- "-$child" 2>/dev/null
              for ((i = 0; i < grace * 10; i++)); do
                kill -0 -- "-$child" 2>/dev/null || return 0
                sleep 0.1
              done
              kill -KILL -- "-$child" 2>/dev/null
            }
            trap 'stop; exit 143' TERM INT HUP
            while kill -0 "$owner" 2>/dev/null && kill -0 "$child" 2>/dev/null; do
              sleep 1 & wait $!
            done
            if kill -0 "$owner" 2>/dev/null; then
              wait "$child"
              status=$?
              stop
              exit "$status"
            fi
            stop
            """;

    /** How long a child may take to stop on SIGTERM before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(25);
    private static final Set<GuardedProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(GuardedProcess::stop),
                "bench-children-shutdown"));
    }

    private final String name;
    private final Process guard;
    private final Path log;
    private final Duration grace;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private GuardedProcess(String name, Process guard, Path log, Duration grace) {
        this.name = name;
        this.guard = guard;
        this.log = log;
        this.grace = grace;
    }

    /**
     * @param environment variables set on top of this JVM's environment, less the variables that would slip JVM
     *                    options into the child
     * @param log         receives the child's standard output and error
     */
    public static GuardedProcess start(String name, List<String> command, Map<String, String> environment,
                                       Path log) {
        return start(name, command, environment, log, GRACE);
    }

    /** @param grace how long the child may take to stop on SIGTERM before it is killed */
    public static GuardedProcess start(String name, List<String> command, Map<String, String> environment,
                                       Path log, Duration grace) {
        var guarded = new ArrayList<>(List.of("bash", "-c", GUARD, "bench-guard",
                Long.toString(ProcessHandle.current().pid()), Long.toString(grace.toSeconds())));
        guarded.addAll(command);
        var builder = new ProcessBuilder(guarded)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        withoutJvmOptionVariables(builder).environment().putAll(environment);
        try {
            var process = new GuardedProcess(name, builder.start(), log, grace);
            RUNNING.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Drops the variables that would slip this environment's JVM options into a child JVM. */
    static ProcessBuilder withoutJvmOptionVariables(ProcessBuilder builder) {
        List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS").forEach(builder.environment()::remove);
        return builder;
    }

    public boolean isAlive() {
        return guard.isAlive();
    }

    /** Waits up to {@code time}; true if the child ended meanwhile. */
    public boolean endsWithin(Duration time) throws InterruptedException {
        return guard.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The guard and everything under it: the child's own processes, for CPU accounting. */
    public List<ProcessHandle> tree() {
        var tree = new ArrayList<ProcessHandle>();
        tree.add(guard.toHandle());
        guard.descendants().forEach(tree::add);
        return tree;
    }

    /** SIGTERM to the whole group, SIGKILL to whatever is left after the grace period; returns once all ended. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        var tree = new LinkedHashSet<>(tree());
        tree.forEach(ProcessHandle::destroy);
        awaitEnd(tree, grace.plusSeconds(2));
        var survivors = tree.stream().filter(ProcessHandle::isAlive).toList();
        survivors.forEach(ProcessHandle::destroyForcibly);
        awaitEnd(survivors, Duration.ofSeconds(10));
        RUNNING.remove(this);
    }

    /** An exception naming what went wrong, with the end of the child's log. */
    public IllegalStateException failure(String what) {
        String tail;
        try {
            var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            tail = "(" + log + " unreadable: " + e + ")";
        }
        return new IllegalStateException(name + " " + what + "; end of " + log + ":\n" + tail);
    }

    private static void awaitEnd(Iterable<ProcessHandle> processes, Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        for (var process : processes) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // The caller looks at what is still alive.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
