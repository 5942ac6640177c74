package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** An analyst replays part of the history into a new topic and watches it finish; the topic matches the store. */
@EngineIT
class ReplayIT {

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired KafkaConnectionDetails kafka;

    private JsonNode start(String body) {
        return json.readTree(http.post().uri("/ops/replays").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode progress(String id) {
        return json.readTree(new EmporiumClient(http).get("/ops/replays/" + id).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private List<JsonNode> topic(String topic) {
        return new KafkaTopics(kafka).committed(topic).stream().map(record -> json.readTree(record.value())).toList();
    }

    @Test
    void aReplayOfOneEventTypeFromAPositionOnPublishesThoseEventsOnceAndCannotBeRepeatedIntoItsTopic() {
        var client = new EmporiumClient(http);
        var first = client.placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody("customer-replay", "SKU-R",
                1, 500)).expectStatus().isCreated().expectBody(String.class).returnResult();
        var from = Long.parseLong(Objects.requireNonNull(first.getResponseHeaders().getFirst("Emporium-Position")));
        for (var i = 0; i < 4; i++) {
            client.placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody("customer-replay", "SKU-R", 1, 500))
                    .expectStatus().isCreated();
        }
        var topic = "emporium.orders.v2-" + UUID.randomUUID().toString().substring(0, 8);

        var started = start("""
                {"topic": "%s", "fromPosition": %d, "types": ["OrderPlaced"]}""".formatted(topic, from));
        var id = started.get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> progress(id).get("state").asString().equals("DONE"));

        var expected = jdbc.queryForList("""
                select event_identifier from domain_event_entry
                 where global_index >= ? and payload_type like '%$OrderPlaced' order by global_index
                """, String.class, from);
        var done = progress(id);
        assertThat(done.get("done").asLong()).isEqualTo(expected.size());
        assertThat(done.get("total").asLong()).isEqualTo(expected.size());
        var records = topic(topic);
        assertThat(records).extracting(record -> record.get("id").asString())
                .containsExactlyInAnyOrderElementsOf(expected);
        http.post().uri("/ops/replays").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"topic\": \"%s\"}".formatted(topic)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("topic");
        assertThat(records).allSatisfy(record -> {
            assertThat(record.get("type").asString()).isEqualTo("io.emporium.orders.OrderPlaced");
            assertThat(record.get("data").get("orderId").asString()).isEqualTo(record.get("subject").asString());
            assertThat(record.get("position").asLong()).isGreaterThanOrEqualTo(from);
        });
        assertSameAsLiveExport(records);
    }

    @Test
    void aReplayFromATimeOnPublishesTheEventsStoredSinceThenAndNoneBefore() {
        var client = new EmporiumClient(http);
        var earlier = placeOrder(client);
        // The store keeps times as text with as many fraction digits as they need: whole milliseconds apart, the
        // bound and the later event compare as the instants they are.
        var since = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(since.plusMillis(1)));
        var later = placeOrder(client);
        var topic = "emporium.orders.v3-" + UUID.randomUUID().toString().substring(0, 8);

        var id = start("""
                {"topic": "%s", "fromTime": "%s", "types": ["OrderPlaced"]}""".formatted(topic, since))
                .get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> progress(id).get("state").asString().equals("DONE"));

        assertThat(topic(topic)).extracting(record -> record.get("id").asString())
                .contains(later).doesNotContain(earlier);
    }

    /** Places an order and returns the id of its OrderPlaced event. */
    private String placeOrder(EmporiumClient client) {
        var placed = client.placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody("customer-replay-time",
                "SKU-RT", 1, 500)).expectStatus().isCreated().expectBody(String.class).returnResult();
        var position = Long.parseLong(Objects.requireNonNull(placed.getResponseHeaders()
                .getFirst("Emporium-Position")));
        return Objects.requireNonNull(jdbc.queryForObject("""
                select event_identifier from domain_event_entry
                 where global_index <= ? and payload_type like '%$OrderPlaced' order by global_index desc limit 1
                """, String.class, position));
    }

    /**
     * A replayed record is the record the live export wrote for the same event, attribute for attribute; only the
     * time may be spelled differently (the store keeps it as text of its own format), never be another instant.
     */
    private void assertSameAsLiveExport(List<JsonNode> replayed) {
        var byId = replayed.stream().collect(Collectors.toMap(record -> record.get("id").asString(),
                record -> (ObjectNode) record.deepCopy()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var live = topic("emporium.orders.v1").stream()
                    .filter(record -> byId.containsKey(record.get("id").asString())).toList();
            assertThat(live).hasSameSizeAs(replayed);
            assertThat(live).allSatisfy(record -> {
                var replay = byId.get(record.get("id").asString()).deepCopy();
                var original = ((ObjectNode) record).deepCopy();
                assertThat(replay.get("correlationid").isString()).isTrue();
                assertThat(Instant.parse(replay.remove("time").asString()))
                        .isEqualTo(Instant.parse(original.remove("time").asString()));
                assertThat(replay).isEqualTo(original);
            });
        });
    }

    @Test
    void aReplayIntoALiveTopicIsRefusedNamingTheTopic() {
        http.post().uri("/ops/replays").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"topic\": \"emporium.orders.v1\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("topic");
    }

    @Test
    void aReplayOfTypesThatAreNoTypeNamesIsRefusedNamingTheTypes() {
        http.post().uri("/ops/replays").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"topic": "emporium.orders.v9-names", "types": ["OrderPlaced' or 'x' = 'x"]}""")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("types");
    }

    @Test
    void anUnknownReplayIsNotFound() {
        new EmporiumClient(http).get("/ops/replays/" + UUID.randomUUID()).expectStatus().isNotFound();
    }
}
