package io.emporium.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The generator's HTTP exchange against a real loopback server that echoes what it received. */
class NettyExchangeTest {

    private DisposableServer server;

    @BeforeEach
    void startEchoServer() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
                        .flatMap(body -> response.status(request.uri().startsWith("/missing")
                                        ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.OK)
                                .header("Echo-Method", request.method().name())
                                .header("Echo-Path", request.uri())
                                .header("Echo-Host", String.valueOf(request.requestHeaders().get("Host")))
                                .header("Echo-Key", String.valueOf(request.requestHeaders().get("Idempotency-Key")))
                                .header("Echo-Body", body)
                                .header("Echo-Peer", String.valueOf(request.remoteAddress()))
                                .header("Connection", request.uri().startsWith("/closing") ? "close" : "keep-alive")
                                .sendString(request.uri().startsWith("/never") ? Mono.never()
                                        : Mono.just("answer").delayElement(request.uri().startsWith("/slow")
                                                ? Duration.ofMillis(50) : Duration.ZERO)).then()))
                .bindNow(Duration.ofSeconds(10));
    }

    @AfterEach
    void stopServer() {
        server.disposeNow(Duration.ofSeconds(10));
    }

    @Test
    void aRequestReachesItsPathWithItsHeadersAndBody() throws Exception {
        try (var exchange = new NettyExchange(server.port(), 2)) {
            var reply = exchange.send(new Request("POST", "/orders?x=1",
                    Map.of("Idempotency-Key", "k-1", "Content-Type", "application/json"), "{\"a\":1}"))
                    .get(10, TimeUnit.SECONDS);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Echo-Method")).isEqualTo("POST");
            assertThat(reply.header("echo-path")).isEqualTo("/orders?x=1");
            assertThat(reply.header("Echo-Host")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(reply.header("Echo-Key")).isEqualTo("k-1");
            assertThat(reply.header("Echo-Body")).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void aRequestWithoutHeadersOfItsOwnSendsNone() throws Exception {
        try (var exchange = new NettyExchange(server.port(), 2)) {
            var reply = exchange.send(Request.get("/missing/1")).get(10, TimeUnit.SECONDS);

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.header("Echo-Method")).isEqualTo("GET");
            assertThat(reply.header("Echo-Key")).isEqualTo("null");
        }
    }

    @Test
    void requestsBeyondThePoolWaitForAConnectionInsteadOfOpeningMore() throws Exception {
        try (var exchange = new NettyExchange(server.port(), 1)) {
            var replies = IntStream.range(0, 5).mapToObj(i -> exchange.send(Request.get("/slow/" + i))).toList();

            assertThat(peersOfSuccessful(replies)).hasSize(1);
        }
    }

    @Test
    void manyConcurrentRequestsNeverOpenMoreConnectionsThanThePoolHolds() throws Exception {
        try (var exchange = new NettyExchange(server.port(), 3)) {
            var replies = IntStream.range(0, 30).mapToObj(i -> exchange.send(Request.get("/slow/" + i))).toList();

            // The server keeps every connection open, so each client address seen is a connection opened.
            assertThat(peersOfSuccessful(replies)).hasSizeBetween(1, 3);
        }
    }

    @Test
    void countsEveryConnectionItOpensAndNoneItReuses() throws Exception {
        try (var exchange = new NettyExchange(server.port(), 3)) {
            for (var i = 0; i < 4; i++) {
                exchange.send(Request.get("/kept/" + i)).get(10, TimeUnit.SECONDS);
            }
            var one = exchange.opened();
            var replies = IntStream.range(0, 3).mapToObj(i -> exchange.send(Request.get("/slow/" + i))).toList();
            var peers = peersOfSuccessful(replies);

            assertThat(one).isEqualTo(1);
            assertThat(exchange.opened()).isEqualTo(peers.size());
        }
    }

    @Test
    void countsTheConnectionThatReplacesOneTheServerClosed() throws Exception {
        try (var exchange = new NettyExchange(server.port(), 1)) {
            exchange.send(Request.get("/closing/1")).get(10, TimeUnit.SECONDS);
            exchange.send(Request.get("/kept/2")).get(10, TimeUnit.SECONDS);

            assertThat(exchange.opened()).isEqualTo(2);
        }
    }

    @Test
    void requestsWaitingWhileTheServerClosesEveryConnectionAreAllAnswered() {
        try (var exchange = new NettyExchange(server.port(), 2)) {
            var replies = IntStream.range(0, 20).mapToObj(i -> exchange.send(Request.get("/closing/" + i))).toList();

            assertThat(replies).allSatisfy(reply ->
                    assertThat(reply).succeedsWithin(Duration.ofSeconds(10)).extracting(Reply::status).isEqualTo(200));
        }
    }

    @Test
    void aRequestWithoutAReplyInTimeFailsAndItsConnectionServesNoOtherRequest() throws Exception {
        try (var exchange = new NettyExchange(server.port(), 1, Duration.ofMillis(500))) {
            var unanswered = exchange.send(Request.get("/never/1"));
            var queued = exchange.send(Request.get("/never/2"));

            for (var request : List.of(unanswered, queued)) {
                assertThat(request).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                        .withCauseInstanceOf(TimeoutException.class);
            }
            var after = exchange.send(Request.get("/kept/3")).get(10, TimeUnit.SECONDS);
            assertThat(after.status()).isEqualTo(200);
        }
    }

    @Test
    void aRequestNettyCannotEncodeFailsAloneAndTheConnectionStaysUsable() throws Exception {
        try (var exchange = new NettyExchange(server.port(), 1)) {
            var refused = exchange.send(new Request("GET", "/kept/1", Map.of("Bad\nName", "x"), null));
            var fine = exchange.send(Request.get("/kept/2")).get(10, TimeUnit.SECONDS);

            assertThat(refused).isCompletedExceptionally();
            assertThat(fine.status()).isEqualTo(200);
        }
    }

    @Test
    void aConnectionTheServerClosesIsReplacedForTheNextRequest() throws Exception {
        try (var exchange = new NettyExchange(server.port(), 1)) {
            var first = exchange.send(Request.get("/closing/1")).get(10, TimeUnit.SECONDS);
            var second = exchange.send(Request.get("/closing/2")).get(10, TimeUnit.SECONDS);
            var third = exchange.send(Request.get("/kept/3")).get(10, TimeUnit.SECONDS);

            assertThat(List.of(first.status(), second.status(), third.status())).containsOnly(200);
            assertThat(first.header("Echo-Peer")).isNotEqualTo(second.header("Echo-Peer"));
        }
    }

    @Test
    void aTargetThatIsNotListeningFailsTheRequestInsteadOfHangingIt() {
        var port = server.port();
        server.disposeNow(Duration.ofSeconds(10));
        try (var exchange = new NettyExchange(port, 2)) {
            var replies = IntStream.range(0, 4).mapToObj(i -> exchange.send(Request.get("/gone/" + i))).toList();

            for (var reply : replies) {
                assertThat(reply).failsWithin(Duration.ofSeconds(10));
            }
        }
    }

    /** The client addresses the server saw, once every reply has come back with 200. */
    private static Set<String> peersOfSuccessful(List<CompletableFuture<Reply>> replies) throws Exception {
        var peers = new HashSet<String>();
        for (var reply : replies) {
            var answer = reply.get(10, TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(200);
            peers.add(answer.header("Echo-Peer"));
        }
        return peers;
    }
}
