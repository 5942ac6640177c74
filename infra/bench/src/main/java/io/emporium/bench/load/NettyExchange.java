package io.emporium.bench.load;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * HTTP/1.1 over Reactor Netty to one loopback port, with keep-alive connections from a bounded pool: each
 * connection carries one request at a time, and requests beyond the pool wait for a connection (the wait counts in
 * their latency).
 */
public final class NettyExchange implements Exchange, AutoCloseable {

    /** Far above any latency a healthy step shows; a request that takes longer counts as failed. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionProvider pool;
    private final HttpClient client;

    public NettyExchange(int port, int connections) {
        pool = ConnectionProvider.builder("bench-" + port)
                .maxConnections(connections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(RESPONSE_TIMEOUT)
                .build();
        // Host and port, not a base URL: a base URL makes every request's address absolute, and Reactor Netty parses
        // an absolute address with a regular expression (8 % of the generator's samples in a JFR recording of
        // scenario 2's product pages; none with host and port). Session note of 2026-12-05, twenty-ninth.
        client = HttpClient.create(pool)
                .host("127.0.0.1")
                .port(port)
                .responseTimeout(RESPONSE_TIMEOUT);
    }

    @Override
    public CompletableFuture<Reply> send(Request request) {
        // A request without headers of its own sends on the shared client instead of a copy of its configuration.
        var configured = request.headers().isEmpty() ? client
                : client.headers(headers -> request.headers().forEach(headers::set));
        var sender = configured.request(HttpMethod.valueOf(request.method()))
                .uri(request.path());
        var receiver = request.body() == null ? sender : sender.send(ByteBufFlux.fromString(Mono.just(request.body())));
        return receiver.responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(ignored -> {
            var headers = new HashMap<String, String>();
            response.responseHeaders().forEach(header ->
                    headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
            return new Reply(response.status().code(), headers);
        })).toFuture();
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
    }
}
