package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One order placed over HTTP reaches every store: event store, order view, search index and Kafka. */
@EngineIT
class WalkingSkeletonIT {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(30);

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;
    @Autowired ElasticsearchClient elasticsearch;
    @Autowired KafkaConnectionDetails kafka;
    @Autowired JsonMapper json;

    @Test
    void anOrderPlacedOverHttpReachesEveryReadModelAndTheKafkaStream() throws Exception {
        var client = new EmporiumClient(http);
        var customer = "customer-" + UUID.randomUUID();

        var placed = client
                .placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody(customer, "SKU-MUG", 3, 1250))
                .expectStatus().isCreated()
                .expectHeader().exists("ETag")
                .expectHeader().exists("Emporium-Position")
                .expectBody(JsonNode.class).returnResult();
        var orderId = Objects.requireNonNull(placed.getResponseBody()).get("orderId").asString();
        var position = Long.parseLong(
                Objects.requireNonNull(placed.getResponseHeaders().getFirst("Emporium-Position")));

        assertThat(jdbc.queryForList(
                "select payload_type from domain_event_entry where aggregate_identifier = ? and sequence_number = 0",
                String.class, orderId))
                .containsExactly("io.emporium.contracts.order.OrderEvent$OrderPlaced");

        await().atMost(PROJECTION_WAIT).untilAsserted(() -> client.order(orderId).expectStatus().isOk()
                .expectBody()
                // The checkout process may have moved the order on already (no stock here: REJECTED).
                .jsonPath("$.status").value(status -> assertThat(status).isIn("PLACED", "REJECTED"))
                .jsonPath("$.customerId").isEqualTo(customer)
                .jsonPath("$.total.minorUnits").isEqualTo(3750)
                .jsonPath("$.position").value(at -> assertThat(((Number) at).longValue())
                        .isGreaterThanOrEqualTo(position)));

        // A fresh index answers 503 until its shard starts: that is waited for like the document itself.
        await().atMost(PROJECTION_WAIT).ignoreExceptions().untilAsserted(() -> {
            var document = elasticsearch.get(get -> get.index("orders").id(orderId), Map.class);
            assertThat(document.found()).isTrue();
            assertThat(document.version()).isGreaterThanOrEqualTo(position);
            assertThat(document.source()).containsEntry("customerId", customer);
        });

        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                ConsumerConfig.GROUP_ID_CONFIG, "walking-skeleton-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("emporium.orders.v1"));
            var seen = new AtomicReference<JsonNode>();
            await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500)).records("emporium.orders.v1")) {
                    if (orderId.equals(record.key()) && seen.get() == null) { // the order's first event: its placement
                        seen.set(json.readTree(record.value()));
                    }
                }
                assertThat(seen.get()).isNotNull();
            });
            var ours = seen.get();
            assertThat(ours.get("specversion").asString()).isEqualTo("1.0");
            assertThat(ours.get("type").asString()).isEqualTo("io.emporium.orders.OrderPlaced");
            assertThat(ours.get("subject").asString()).isEqualTo(orderId);
            assertThat(ours.get("position").asLong()).isEqualTo(position);
            assertThat(ours.get("data").get("customerId").asString()).isEqualTo(customer);
        }
    }

    @Test
    void anUnknownOrderIsANotFoundProblem() {
        new EmporiumClient(http).order("no-such-order").expectStatus().isEqualTo(HttpStatus.NOT_FOUND)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }
}
