package io.emporium.bench.baseline;

import io.emporium.bench.process.GuardedProcess;
import io.emporium.bench.process.HttpReadiness;
import io.emporium.servers.LoopbackPorts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@link BareWebFlux} running as a child process of the suite, on a free loopback port. */
public final class BareEndpoint implements AutoCloseable {

    private final GuardedProcess process;
    private final int port;

    private BareEndpoint(GuardedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static BareEndpoint start(Path log) {
        var port = LoopbackPorts.free();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = GuardedProcess.start("the bare WebFlux endpoint",
                List.of(java, "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                        BareWebFlux.class.getName(), Integer.toString(port)),
                Map.of(), log);
        HttpReadiness.await(process, URI.create("http://127.0.0.1:" + port + BareWebFlux.PATH),
                Duration.ofSeconds(60));
        return new BareEndpoint(process, port);
    }

    public int port() {
        return port;
    }

    /** Its processes now, for CPU accounting. */
    public List<ProcessHandle> processes() {
        return process.tree();
    }

    @Override
    public void close() {
        process.stop();
    }
}
