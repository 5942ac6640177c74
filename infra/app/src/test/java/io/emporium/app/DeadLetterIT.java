package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An order the order-views projection cannot apply is retried a few times, then parked with the rest of its events
 * while every other order moves on; operators list it, retry it once the cause is fixed, or evict it.
 */
@EngineIT
class DeadLetterIT {

    private static final String QUEUE = "/ops/dead-letters/order-views";
    /**
     * The batch's first run, without savepoints, which it fails; then, run again with the event in savepoints, the
     * first attempt and the default three retries.
     */
    private static final int ATTEMPTS = 1 + 4;

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired MeterRegistry meters;

    @Test
    void aPoisonedOrderIsParkedAfterItsRetriesWhileItsSegmentMovesOnAndARetryOnceFixedAppliesIt() {
        var customer = "customer-" + UUID.randomUUID();
        PoisonableProjections.POISONED_CUSTOMERS.add(customer);
        String parked = null;
        try {
            var placed = place(customer);
            parked = placed.orderId();
            var letter = awaitParked(parked).get("letters").get(0);

            assertThat(letter.get("eventType").asString()).isEqualTo("OrderPlaced");
            assertThat(letter.get("globalPosition").asLong()).isEqualTo(placed.position());
            assertThat(letter.get("aggregateId").asString()).isEqualTo(parked);
            assertThat(letter.get("causeType").asString()).isEqualTo("java.lang.IllegalStateException");
            assertThat(letter.get("causeMessage").asString()).isEqualTo("poisoned for a test: " + parked);
            assertThat(letter.get("enqueuedAt").isNull()).isFalse();
            assertThat(letter.get("lastTouched").isNull()).isFalse();
            assertThat(letter.get("retries").asLong()).isZero();
            assertThat(PoisonableProjections.HANDLER_FAILURES.get(parked)).hasValue(ATTEMPTS);
            assertNothingWrittenFor(parked);
            assertThat(meters.get("emporium.dead.letters").tag("processor", "order-views").gauge().value())
                    .isGreaterThanOrEqualTo(1);
            assertThat(listed(get("/ops/dead-letters"), parked)).isTrue();

            var neighbour = placeUntilInTheSegmentOf(parked);
            await().atMost(Duration.ofSeconds(30)).until(() -> orderViewRows(neighbour) == 1);
            assertNothingWrittenFor(parked);

            var stillFailing = post(QUEUE + "/sequences/" + parked + "/retry");
            assertThat(stillFailing.get("outcome").asString()).isEqualTo("STILL_FAILING");
            assertThat(stillFailing.get("remaining").get("letters").get(0).get("retries").asLong()).isOne();
            assertNothingWrittenFor(parked);

            PoisonableProjections.POISONED_CUSTOMERS.remove(customer);
            var resolved = post(QUEUE + "/sequences/" + parked + "/retry");

            assertThat(resolved.get("outcome").asString()).isEqualTo("RESOLVED");
            assertThat(orderViewRows(parked)).isOne();
            problem(http.get().uri(QUEUE + "/sequences/" + parked).exchange(), 404);
            assertThat(listed(get("/ops/dead-letters"), parked)).isFalse();
            parked = null;
        } finally {
            PoisonableProjections.POISONED_CUSTOMERS.remove(customer);
            if (parked != null) {
                // Never leave a letter behind for the other tests' listings.
                http.delete().uri(QUEUE + "/sequences/" + parked).exchange();
            }
        }
    }

    @Test
    void anEvictedOrderLeavesTheQueueAndItsEventsNeverReachTheReadModel() {
        var customer = "customer-" + UUID.randomUUID();
        PoisonableProjections.POISONED_CUSTOMERS.add(customer);
        try {
            var parked = place(customer).orderId();
            awaitParked(parked);

            var oldest = post(QUEUE + "/retry");
            assertThat(oldest.get("sequence").asString()).isEqualTo(parked);
            assertThat(oldest.get("outcome").asString()).isEqualTo("STILL_FAILING");

            http.delete().uri(QUEUE + "/sequences/" + parked).exchange().expectStatus().isNoContent();

            problem(http.get().uri(QUEUE + "/sequences/" + parked).exchange(), 404);
            problem(http.delete().uri(QUEUE + "/sequences/" + parked).exchange(), 404);
            assertNothingWrittenFor(parked);
        } finally {
            PoisonableProjections.POISONED_CUSTOMERS.remove(customer);
        }
    }

    @Test
    void unknownProcessorsAndSequencesAreNotFoundAndBadParametersAreBadRequestsAlwaysAsProblems() {
        problem(http.get().uri("/ops/dead-letters/no-such-processor").exchange(), 404);
        problem(http.post().uri("/ops/dead-letters/no-such-processor/retry").exchange(), 404);
        // The Kafka export stops rather than skip an event: it has no dead letters.
        problem(http.post().uri("/ops/dead-letters/kafka-export/retry").exchange(), 404);
        problem(http.get().uri(QUEUE + "/sequences/no-such-order").exchange(), 404);
        problem(http.post().uri(QUEUE + "/sequences/no-such-order/retry").exchange(), 404);
        problem(http.delete().uri(QUEUE + "/sequences/no-such-order").exchange(), 404);
        problem(http.get().uri("/ops/dead-letters?sequences=0").exchange(), 400);
        problem(http.get().uri(QUEUE + "?sequences=1001").exchange(), 400);
        problem(http.get().uri(QUEUE + "?sequences=many").exchange(), 400);
    }

    @Test
    void everyReadModelProcessorIsListedAndTheApiDocumentDescribesTheOperations() {
        var queues = get("/ops/dead-letters");
        assertThat(queues.values()).extracting(queue -> queue.get("processor").asString())
                .contains("order-views", "cart-views", "product-search", "order-search");

        var paths = json.readTree(http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).get("paths");
        assertThat(paths.propertyNames()).contains("/ops/dead-letters", "/ops/dead-letters/{processor}",
                "/ops/dead-letters/{processor}/retry", "/ops/dead-letters/{processor}/sequences/{sequence}",
                "/ops/dead-letters/{processor}/sequences/{sequence}/retry");
        assertThat(paths.get("/ops/dead-letters/{processor}/sequences/{sequence}").has("delete")).isTrue();
        assertThat(paths.get("/ops/dead-letters/{processor}/retry").get("post").get("responses").has("404"))
                .isTrue();
    }

    private record Placed(String orderId, long position) {}

    private Placed place(String customer) {
        var placed = new EmporiumClient(http)
                .placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody(customer, "SKU-MUG", 1, 1250))
                .expectStatus().isCreated().expectBody(String.class).returnResult();
        return new Placed(json.readTree(placed.getResponseBody()).get("orderId").asString(),
                Long.parseLong(Objects.requireNonNull(placed.getResponseHeaders().getFirst("Emporium-Position"))));
    }

    /** The order's sequence, once the processor has given up on it. */
    private JsonNode awaitParked(String orderId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri(QUEUE + "/sequences/" + orderId)
                .exchange().expectStatus().isOk());
        return get(QUEUE + "/sequences/" + orderId);
    }

    /** Places orders of fresh customers until one lands in the order-views segment that handles {@code orderId}. */
    private String placeUntilInTheSegmentOf(String orderId) {
        var segments = jdbc.queryForList("select segment from token_entry where processor_name = 'order-views'",
                Integer.class).stream().mapToInt(Integer::intValue).toArray();
        for (int placed = 0; placed < 200; placed++) {
            var neighbour = place("customer-" + UUID.randomUUID()).orderId();
            for (var segmentId : segments) {
                // computeSegment sorts the array it is given: hand it a copy.
                var segment = Segment.computeSegment(segmentId, segments.clone());
                if (segment.matches(orderId) && segment.matches(neighbour)) {
                    return neighbour;
                }
            }
        }
        throw new AssertionError("200 orders, none in the segment of " + orderId);
    }

    private void assertNothingWrittenFor(String orderId) {
        assertThat(orderViewRows(orderId)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from order_status_change where order_id = ?", Integer.class,
                orderId)).isZero();
    }

    private int orderViewRows(String orderId) {
        return Objects.requireNonNull(
                jdbc.queryForObject("select count(*) from order_view where order_id = ?", Integer.class, orderId));
    }

    private static boolean listed(JsonNode queues, String orderId) {
        for (var queue : queues.values()) {
            for (var sequence : queue.get("oldest").values()) {
                if (sequence.get("sequence").asString().equals(orderId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private JsonNode get(String path) {
        return json.readTree(http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
    }

    private JsonNode post(String path) {
        return json.readTree(http.post().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
    }

    private static void problem(WebTestClient.ResponseSpec response, int status) {
        response.expectStatus().isEqualTo(status).expectHeader().contentType("application/problem+json");
    }
}
