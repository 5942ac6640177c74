package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A shopper reads their cart right after each change, passing the position the change returned. */
@EngineIT
class CartReadsIT {

    /** More readers at one moment than PostgreSQL takes connections (200 in the test servers). */
    private static final int CROWD = 300;

    @Autowired WebTestClient http;
    @Autowired JsonMapper json;
    @LocalServerPort int port;

    private record Changed(JsonNode body, long position) {}

    private Changed send(HttpMethod method, String path, String body) {
        var result = new EmporiumClient(http).send(method, path, body).expectStatus().is2xxSuccessful()
                .expectBody(String.class).returnResult();
        return new Changed(json.readTree(result.getResponseBody()),
                Long.parseLong(Objects.requireNonNull(result.getResponseHeaders().getFirst("Emporium-Position"))));
    }

    private JsonNode cartAt(String cartId, long position) {
        return json.readTree(http.get().uri("/carts/" + cartId).header("Emporium-Position", Long.toString(position))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private String product() {
        return new EmporiumClient(http).productOnSale(1250, 0);
    }

    @Test
    void everyChangeToACartIsVisibleInTheNextReadThatPassesItsPosition() {
        var sku = product();
        var created = send(POST, "/carts", "{\"customerId\": \"customer-" + UUID.randomUUID() + "\"}");
        var cartId = created.body().get("cartId").asString();
        assertThat(cartAt(cartId, created.position()).get("lines").size()).isZero();

        var added = send(POST, "/carts/" + cartId + "/items", "{\"sku\": \"%s\", \"quantity\": 2}".formatted(sku));
        var afterAdd = cartAt(cartId, added.position());
        assertThat(afterAdd.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(afterAdd.get("total").get("minorUnits").asLong()).isEqualTo(2_500);

        var changed = send(PUT, "/carts/" + cartId + "/items/" + sku, "{\"quantity\": 5}");
        assertThat(cartAt(cartId, changed.position()).get("lines").get(0).get("quantity").asInt()).isEqualTo(5);

        var removed = send(DELETE, "/carts/" + cartId + "/items/" + sku, "");
        var empty = cartAt(cartId, removed.position());
        assertThat(empty.get("lines").size()).isZero();
        assertThat(empty.get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void aCheckedOutCartNamesItsOrder() {
        var sku = product();
        var cartId = send(POST, "/carts", "{\"customerId\": \"customer-" + UUID.randomUUID() + "\"}").body()
                .get("cartId").asString();
        send(POST, "/carts/" + cartId + "/items", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(sku));

        var checkedOut = send(POST, "/carts/" + cartId + "/checkout",
                EmporiumClient.checkoutBody(EmporiumClient.GOOD_CARD));

        var cart = cartAt(cartId, checkedOut.position());
        assertThat(cart.get("status").asString()).isEqualTo("CHECKED_OUT");
        assertThat(cart.get("orderId").asString()).isEqualTo(checkedOut.body().get("orderId").asString());
    }

    @Test
    void anUnknownCartIsANotFoundProblem() {
        http.get().uri("/carts/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    @Test
    void aCrowdReadingOneCartAtOnceIsAnsweredInFull() {
        var created = send(POST, "/carts", "{\"customerId\": \"customer-" + UUID.randomUUID() + "\"}");
        var cartId = created.body().get("cartId").asString();
        var connections = ConnectionProvider.builder("crowd").maxConnections(CROWD).pendingAcquireMaxCount(-1)
                .build();
        try {
            var crowd = WebClient.builder().baseUrl("http://localhost:" + port)
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();

            var statuses = Flux.range(0, CROWD)
                    .flatMap(reader -> crowd.get().uri("/carts/{id}", cartId)
                            .header("Emporium-Position", Long.toString(created.position()))
                            .exchangeToMono(response -> response.releaseBody()
                                    .thenReturn(response.statusCode().value())), CROWD)
                    .collectList().block(Duration.ofMinutes(1));

            assertThat(statuses).hasSize(CROWD).containsOnly(200);
        } finally {
            connections.disposeLater().block(Duration.ofSeconds(10));
        }
    }
}
