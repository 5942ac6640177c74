package io.emporium.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
                                .sendString(Mono.just("answer")).then()))
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
}
