package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.POST;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading orders: one's own writes at once, an order's timeline, a customer's history page by page, and an order's
 * status live over Server-Sent Events.
 */
@EngineIT
class OrderReadsIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Autowired WebTestClient http;
    @Autowired JsonMapper json;

    private record Placed(String orderId, long position) {}

    private Placed place(String customerId, String sku) {
        var result = new EmporiumClient(http).placeOrder(EmporiumClient.newKey(),
                        EmporiumClient.orderBody(customerId, sku, 1, 1250))
                .expectStatus().isCreated().expectBody(String.class).returnResult();
        return new Placed(json.readTree(result.getResponseBody()).get("orderId").asString(),
                Long.parseLong(Objects.requireNonNull(result.getResponseHeaders().getFirst("Emporium-Position"))));
    }

    private String skuInStock(int quantity) {
        var sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        new EmporiumClient(http).send(POST, "/inventory/" + sku + "/receipts",
                "{\"quantity\": %d}".formatted(quantity)).expectStatus().isCreated();
        return sku;
    }

    private JsonNode get(String path) {
        return new EmporiumClient(http).readJson(path);
    }

    @Test
    void aReadWithThePositionOfItsWriteSeesThatWriteAtOnce() {
        var placed = place("customer-" + UUID.randomUUID(), "SKU-RYW");

        var byParameter = get("/orders/" + placed.orderId() + "?position=" + placed.position());
        assertThat(byParameter.get("position").asLong()).isGreaterThanOrEqualTo(placed.position());

        var byHeader = http.get().uri("/orders/" + placed.orderId())
                .header("Emporium-Position", Long.toString(placed.position())).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(json.readTree(byHeader).get("orderId").asString()).isEqualTo(placed.orderId());
    }

    @Test
    void aReadWaitingForAPositionNotYetReachedIsAServiceUnavailableProblemWithRetryAfter() {
        var placed = place("customer-" + UUID.randomUUID(), "SKU-RYW");

        http.get().uri("/orders/" + placed.orderId() + "?position=" + (placed.position() + 1_000_000)).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reason").isEqualTo("POSITION_NOT_YET_VISIBLE");
    }

    @Test
    void aBadPositionIsABadRequestProblemNamingIt() {
        http.get().uri("/orders/" + UUID.randomUUID()).header("Emporium-Position", "yesterday").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Emporium-Position");
    }

    @Test
    void anOrdersTimelineShowsEachStatusOnceOldestFirst() {
        var placed = place("customer-" + UUID.randomUUID(), skuInStock(5));

        await().atMost(SETTLE).untilAsserted(() -> assertThat(get("/orders/" + placed.orderId())
                .get("status").asString()).isEqualTo("CONFIRMED"));

        var timeline = get("/orders/" + placed.orderId()).get("timeline");
        assertThat(timeline.size()).isEqualTo(2);
        assertThat(timeline.get(0).get("status").asString()).isEqualTo("PLACED");
        assertThat(timeline.get(0).get("position").asLong()).isEqualTo(placed.position());
        assertThat(timeline.get(1).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(timeline.get(1).get("position").asLong()).isGreaterThan(placed.position());
        assertThat(timeline.get(1).get("at").asString()).endsWith("Z");
    }

    @Test
    void aCustomersHistoryPagesNewestFirstWithoutGapsOrRepeats() {
        var customerId = "customer-" + UUID.randomUUID();
        var placed = new ArrayList<String>();
        Placed last = null;
        for (var i = 0; i < 5; i++) {
            last = place(customerId, "SKU-HISTORY");
            placed.add(last.orderId());
        }
        get("/orders/" + Objects.requireNonNull(last).orderId() + "?position=" + last.position());
        await().atMost(SETTLE).untilAsserted(() -> assertThat(get("/customers/" + customerId + "/orders?size=10")
                .get("orders").size()).isEqualTo(5));

        var seen = new ArrayList<String>();
        var hasMore = new ArrayList<Boolean>();
        for (var page = 0; page < 3; page++) {
            var answer = get("/customers/" + customerId + "/orders?size=2&page=" + page);
            answer.get("orders").forEach(order -> seen.add(order.get("orderId").asString()));
            hasMore.add(answer.get("hasMore").asBoolean());
        }

        assertThat(seen).containsExactlyElementsOf(placed.reversed());
        assertThat(hasMore).containsExactly(true, true, false);
    }

    @Test
    void aPageSizeOutOfBoundsIsABadRequestProblemNamingIt() {
        http.get().uri("/customers/someone/orders?size=1000").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void theLiveStreamDeliversAnOrdersStatusChangesInOrderUntilItIsDelivered() {
        var placed = place("customer-" + UUID.randomUUID(), skuInStock(5));
        var stream = http.get().uri("/orders/" + placed.orderId() + "/events?position=" + placed.position())
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {})
                .getResponseBody()
                .filter(event -> event.data() != null);
        var client = new EmporiumClient(http);

        List<ServerSentEvent<JsonNode>> events = new ArrayList<>();
        StepVerifier.create(stream.doOnNext(events::add))
                .thenConsumeWhile(event -> !event.data().get("status").asString().equals("CONFIRMED"))
                .then(() -> client.send(POST, "/orders/" + placed.orderId() + "/ship", "").expectStatus().isOk())
                .thenConsumeWhile(event -> !event.data().get("status").asString().equals("SHIPPED"))
                .then(() -> client.send(POST, "/orders/" + placed.orderId() + "/deliver", "").expectStatus().isOk())
                .thenConsumeWhile(event -> true)
                .expectComplete()
                .verify(SETTLE);

        var statuses = events.stream().map(event -> event.data().get("status").asString()).toList();
        assertThat(statuses).endsWith("CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(statuses.getFirst()).isIn("PLACED", "CONFIRMED");
        var positions = events.stream().map(event -> Long.parseLong(Objects.requireNonNull(event.id()))).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
    }
}
