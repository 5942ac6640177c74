package io.emporium.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;

/**
 * Ports free on the loopback interface, for servers and child processes that must not clash with anything else on
 * the machine.
 */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** One port free right now, for a child process to bind. */
    public static int free() {
        return free(1)[0];
    }

    /**
     * {@code count} distinct ports free right now. All are held open together while choosing, so none is handed out
     * twice; another process could still take one before the server binds it, which the ephemeral range makes rare.
     */
    static int[] free(int count) {
        var sockets = new ArrayList<ServerSocket>();
        try {
            for (var i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (var socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Only held to reserve the port while choosing.
                }
            }
        }
    }
}
