package io.emporium.command.payment;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * {@link PspApi} over Reactor Netty's HTTP client, blocking its caller (a checkout worker or a thread that may block)
 * with a bounded wait for every request. Reactor Netty rather than the JDK's client: on the append path the JDK
 * client's selector and executor threads took 14 % of the engine's CPU samples, for one small request per order; this
 * client runs on the event loops the server already has. Request bodies carry card numbers on their way to be
 * tokenized, so none is ever logged or put in a reply's problem.
 */
final class PspHttpClient implements PspApi {

    /** Connections kept to the PSP: more than the checkout workers and concurrent tokenizations use. */
    private static final int CONNECTIONS = 128;
    /** Shorter than the PSP's own keep-alive, so that the client never sends on a connection the PSP has dropped. */
    private static final Duration IDLE = Duration.ofSeconds(20);

    private final Duration requestTimeout;
    private final ConnectionProvider connections;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    PspHttpClient(URI base, Duration connectTimeout, Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        // A request waiting for a free connection has not been sent: its wait counts in its timeout below.
        this.connections = ConnectionProvider.builder("psp")
                .maxConnections(CONNECTIONS)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(requestTimeout)
                .maxIdleTime(IDLE)
                .evictInBackground(IDLE)
                .build();
        this.http = HttpClient.create(connections)
                .baseUrl(base.toString())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()))
                .headers(headers -> headers.set(HttpHeaderNames.ACCEPT, "application/json"));
    }

    @Override
    public PspReply post(String path, @Nullable String idempotencyKey, JsonNode body) {
        return send(postRequest(path, idempotencyKey, body));
    }

    @Override
    public Mono<PspReply> postAsync(String path, @Nullable String idempotencyKey, JsonNode body) {
        // Exception, not RuntimeException: a PSP that is down refuses or resets the connection, which Reactor Netty
        // signals as a checked IOException; it must become an unanswered call, never the caller's failure.
        return withinTimeout(postRequest(path, idempotencyKey, body))
                .onErrorResume(Exception.class, e -> Mono.just(new PspReply.Unanswered(
                        e.getClass().getSimpleName() + ": " + e.getMessage())));
    }

    private Mono<PspReply> postRequest(String path, @Nullable String idempotencyKey, JsonNode body) {
        var bytes = json.writeValueAsBytes(body);
        return http.headers(headers -> {
            headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            if (idempotencyKey != null) {
                headers.set("Idempotency-Key", idempotencyKey);
            }
        }).post().uri(path).send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes))).responseSingle(this::reply);
    }

    @Override
    public PspReply get(String pathAndQuery) {
        return send(http.get().uri(pathAndQuery).responseSingle(this::reply));
    }

    @Override
    public void close() {
        connections.dispose();
    }

    private Mono<PspReply> reply(HttpClientResponse response, ByteBufMono content) {
        return content.asByteArray().defaultIfEmpty(new byte[0]).map(bytes -> {
            try {
                JsonNode body = bytes.length == 0 ? MissingNode.getInstance() : json.readTree(bytes);
                return new PspReply.Answered(response.status().code(), body);
            } catch (JacksonException e) {
                return new PspReply.Unanswered("an answer that is not JSON");
            }
        });
    }

    private Mono<PspReply> withinTimeout(Mono<PspReply> exchange) {
        return exchange.timeout(requestTimeout)
                .onErrorResume(TimeoutException.class, e -> Mono.just(new PspReply.Unanswered(
                        "no answer within " + requestTimeout.toMillis() + " ms")));
    }

    private PspReply send(Mono<PspReply> exchange) {
        try {
            var reply = withinTimeout(exchange).block();
            return reply == null ? new PspReply.Unanswered("no answer") : reply;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return new PspReply.Unanswered("interrupted while waiting");
            }
            var cause = Exceptions.unwrap(e);
            return new PspReply.Unanswered(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
