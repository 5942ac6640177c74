package io.emporium.psp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A payment service provider on a loopback port, for tests and local runs; see {@link PspHttpApi} for what it
 * answers and {@link Faults} for how it can be told to fail. State lives in memory and ends with the process.
 *
 * <p>Run as {@code PspSimulator <port>} (0 for a free one): the first line on standard output is
 * {@code LISTENING <port>}, written once the port accepts connections.
 */
public final class PspSimulator implements AutoCloseable {

    /** The first line the process prints, followed by a space and the port. */
    public static final String LISTENING = "LISTENING";

    private final HttpServer server;
    private final ExecutorService threads;

    private PspSimulator(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static void main(String[] args) {
        if (args.length != 1 || !args[0].matches("[0-9]{1,5}")) {
            System.err.println("usage: PspSimulator <port>   (0 for a free port)");
            System.exit(2);
        }
        var simulator = start(Integer.parseInt(args[0]), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "psp-simulator-shutdown"));
        System.out.println(LISTENING + " " + simulator.port());
        System.out.flush();
    }

    /**
     * Starts a simulator in this JVM, each request on a virtual thread so that held requests cost nothing.
     *
     * @param port the loopback port; 0 for a free one
     * @param log  receives one access line per request
     */
    public static PspSimulator start(int port, PrintStream log) {
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            server.createContext("/", new PspHttpApi(Clock.systemUTC(), log));
            server.setExecutor(threads);
            server.start();
            return new PspSimulator(server, threads);
        } catch (IOException e) {
            threads.close();
            throw new UncheckedIOException("could not listen on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Such as {@code http://127.0.0.1:41235}. */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    /** Stops listening; requests being held by a fault are abandoned. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
