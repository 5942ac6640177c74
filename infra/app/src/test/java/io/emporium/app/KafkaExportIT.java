package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order topic equals the event store, event for event, even when the export's database commit is lost after
 * Kafka committed, and when the exporter starts over from the beginning of the store.
 */
@EngineIT
class KafkaExportIT {

    private static final String TOPIC = "emporium.orders.v1";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired KafkaConnectionDetails kafka;
    @Autowired EventProcessingConfiguration processing;

    /** An exported event as a committed-reading consumer sees it. */
    private record Exported(String id, String orderId, long sequence, long position) {}

    private List<String> placeOrders(String customerId, int count) {
        var client = new EmporiumClient(http);
        var orders = new ArrayList<String>();
        for (var i = 0; i < count; i++) {
            var body = client.placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody(customerId, "SKU-EXPORT",
                    1, 990)).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
            orders.add(json.readTree(body).get("orderId").asString());
        }
        return orders;
    }

    /** Every committed record of the topic, from the beginning. */
    private List<Exported> topic() {
        return new KafkaTopics(kafka).committed(TOPIC).stream().map(record -> {
            JsonNode envelope = json.readTree(record.value());
            return new Exported(envelope.get("id").asString(), record.key(), envelope.get("sequence").asLong(),
                    envelope.get("position").asLong());
        }).toList();
    }

    /** The store's events of these orders, as (event id → order id). */
    private Map<String, String> stored(Set<String> orderIds) {
        var events = new HashMap<String, String>();
        jdbc.query("select event_identifier, aggregate_identifier from domain_event_entry"
                + " where aggregate_identifier = any(?)", row -> {
            events.put(row.getString(1), row.getString(2));
        }, (Object) orderIds.toArray(String[]::new));
        return events;
    }

    private void assertTopicEqualsStore(Set<String> orderIds) {
        await().atMost(SETTLE).untilAsserted(() -> {
            var ours = topic().stream().filter(record -> orderIds.contains(record.orderId())).toList();
            var stored = stored(orderIds);
            assertThat(ours).extracting(Exported::id).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(stored.keySet());
            var byOrder = new HashMap<String, List<Long>>();
            ours.forEach(record -> byOrder.computeIfAbsent(record.orderId(), id -> new ArrayList<>())
                    .add(record.sequence()));
            byOrder.values().forEach(sequences -> assertThat(sequences).isSorted().first().isEqualTo(0L));
        });
    }

    @Test
    void anExportWhoseDatabaseCommitIsLostAfterKafkaCommittedPublishesEachEventOnce() {
        var customer = "customer-" + UUID.randomUUID();
        PoisonableProjections.EXPORT_POISONED_CUSTOMERS.add(customer);
        try {
            var orders = Set.copyOf(placeOrders(customer, 20));

            assertTopicEqualsStore(orders);
            assertThat(PoisonableProjections.EXPORT_FAILED_ORDERS).containsAll(orders);
        } finally {
            PoisonableProjections.EXPORT_POISONED_CUSTOMERS.remove(customer);
        }
    }

    @Test
    void anExporterStartingOverFromTheFirstEventPublishesNothingTwice() {
        var before = Set.copyOf(placeOrders("customer-" + UUID.randomUUID(), 10));
        assertTopicEqualsStore(before);

        var exporter = processing.eventProcessorByProcessingGroup("kafka-export", StreamingEventProcessor.class)
                .orElseThrow();
        exporter.shutDown();
        exporter.resetTokens(); // its own token now says nothing was exported: only Kafka knows better
        exporter.start();
        var after = Set.copyOf(placeOrders("customer-" + UUID.randomUUID(), 10));

        var all = new java.util.HashSet<>(before);
        all.addAll(after);
        assertTopicEqualsStore(all);
    }
}
