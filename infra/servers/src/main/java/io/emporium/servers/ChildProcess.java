package io.emporium.servers;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A server process that cannot outlive this JVM, however this JVM ends.
 *
 * <p>The server runs under a small bash guard, in a process group of its own. The guard polls this JVM every second
 * and, once it is gone (even by SIGKILL, which runs no shutdown hook), stops the whole group: SIGTERM, then SIGKILL
 * after a grace period. SIGTERM to the guard does the same, which is how {@link #stop()} asks for a graceful stop.
 * A group catches grandchildren too, such as the Elasticsearch server its launcher starts, and signals reach it even
 * inside a user namespace, since the namespace belongs to this JVM's user.
 */
public final class ChildProcess {

    /** How long a server may take to stop on SIGTERM before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(20);

    private static final String GUARD = """
            owner=$1 grace=$2
            shift 2
            setsid "$@" </dev/null &
            server=$!
            ticker=
            stop() {
              trap '' TERM INT HUP
              [ -n "$ticker" ] && kill "$ticker" 2>/dev/null
              kill -TERM -- "-$server" 2>/dev/null
              for ((i = 0; i < grace * 10; i++)); do
                kill -0 -- "-$server" 2>/dev/null || return 0
                sleep 0.1
              done
              kill -KILL -- "-$server" 2>/dev/null
            }
            trap 'stop; exit 143' TERM INT HUP
            while kill -0 "$owner" 2>/dev/null && kill -0 "$server" 2>/dev/null; do
              sleep 1 & ticker=$!
              wait "$ticker"
            done
            if kill -0 "$owner" 2>/dev/null; then
              wait "$server"
              status=$?
              stop
              exit "$status"
            fi
            stop
            """;

    /** Variables that would slip options into every JVM: a server's JVM options are the ones its start gives. */
    private static final List<String> JVM_OPTION_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS", "JAVA_HOME");

    private final String name;
    private final Process guard;
    private final Path log;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ChildProcess(String name, Process guard, Path log) {
        this.name = name;
        this.guard = guard;
        this.log = log;
    }

    /**
     * Starts {@code command} under a guard.
     *
     * @param name        what the server is called in messages
     * @param environment variables to set on top of this JVM's environment
     * @param log         receives the server's standard output and error
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
            Path directory, Path log) {
        var guarded = new ArrayList<>(List.of("bash", "-c", GUARD, "emporium-guard",
                Long.toString(ProcessHandle.current().pid()), Long.toString(GRACE.toSeconds())));
        guarded.addAll(command);
        var builder = new ProcessBuilder(guarded)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        JVM_OPTION_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    /**
     * Runs the server's readiness check; a server that fails it is stopped before the failure is passed on, so a
     * failed start leaves nothing running.
     */
    ChildProcess awaitReady(Consumer<ChildProcess> readiness) {
        try {
            readiness.accept(this);
            return this;
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    public boolean isAlive() {
        return guard.isAlive();
    }

    /** Waits for the server to end by itself, as a one-shot tool does; its exit status. */
    int awaitExit(Duration timeout) {
        try {
            if (!guard.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw failure("did not finish within " + timeout.toSeconds() + " s");
            }
            return guard.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException(name + " was interrupted", e);
        }
    }

    /** Waits up to {@code time}; true if the server ended meanwhile. Lets a readiness poll notice a crash. */
    boolean endsWithin(Duration time) throws InterruptedException {
        return guard.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the server and every process under the guard, and returns once all have ended: SIGTERM to all of them,
     * then SIGKILL to those still alive after {@link #GRACE}; stopping twice does nothing. The tree is listed before
     * any signal, since a server whose launcher ends first is adopted by init and no longer shows as a descendant.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        var tree = new LinkedHashSet<ProcessHandle>();
        tree.add(guard.toHandle());
        guard.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        awaitEnd(tree, GRACE.plusSeconds(2));
        guard.descendants().forEach(tree::add);
        var survivors = tree.stream().filter(ProcessHandle::isAlive).toList();
        survivors.forEach(ProcessHandle::destroyForcibly);
        awaitEnd(survivors, Duration.ofSeconds(10));
    }

    /**
     * Ends the server the way a crash or an out-of-memory killer would: SIGKILL to every process under the guard at
     * once, no shutdown hook, nothing flushed; returns once the guard has seen it end.
     */
    public void kill() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        guard.descendants().forEach(ProcessHandle::destroyForcibly);
        awaitEnd(List.of(guard.toHandle()), GRACE.plusSeconds(2));
        guard.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** The last lines the server wrote, for failure messages. */
    String logTail() {
        try {
            var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
    }

    /** An exception that says what went wrong and shows the end of the log. */
    public IllegalStateException failure(String what) {
        return new IllegalStateException(name + " " + what + "; end of " + log + ":\n" + logTail());
    }

    private static void awaitEnd(Iterable<ProcessHandle> processes, Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        for (var process : processes) {
            try {
                var left = Math.max(0, deadline - System.nanoTime());
                process.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // Dealt with by the caller, which looks at what is still alive.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

}
