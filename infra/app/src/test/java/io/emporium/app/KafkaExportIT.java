package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order topic equals the event store, event for event, even when the export's database commit is lost after
 * Kafka committed, when the exporter starts over from the beginning of the store, and when the process exporting is
 * killed in the middle of a backlog and started again.
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
    @Autowired ApplicationContext context;
    @Autowired PlatformTransactionManager transactions;
    @Autowired EventStorageEngine storage;

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

    /**
     * The lost batch's position has a gap below its events (an event still uncommitted when the batch was read),
     * and that event commits before the batch is retried: the retried events' tokens no longer carry the gap.
     */
    @Test
    void aBatchRetriedAfterAGapBelowItFilledPublishesItsEventsOnce() throws InterruptedException {
        var customer = "customer-" + UUID.randomUUID();
        try (var late = new LateEvent(transactions, storage)) {
            PoisonableProjections.BEFORE_EXPORT_COMMIT_LOST.add(late::commit);
            PoisonableProjections.EXPORT_POISONED_CUSTOMERS.add(customer);
            var orders = Set.copyOf(placeOrders(customer, 5));

            assertTopicEqualsStore(orders);
            assertThat(PoisonableProjections.EXPORT_FAILED_ORDERS).containsAll(orders);
            assertThat(late.isCommitted()).as("the gap filled between the lost commit and the retry").isTrue();
        } finally {
            PoisonableProjections.EXPORT_POISONED_CUSTOMERS.remove(customer);
            PoisonableProjections.BEFORE_EXPORT_COMMIT_LOST.clear();
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

        var all = new HashSet<>(before);
        all.addAll(after);
        assertTopicEqualsStore(all);
    }

    /**
     * How far the export has committed: the highest position its token names. Read from the token table, so it
     * works whichever process owns the export.
     */
    private long exportedPosition() {
        return jdbc.queryForList("select token from token_entry where processor_name = 'kafka-export'"
                + " and token is not null", byte[].class).stream()
                .flatMap(token -> json.readTree(token).findValues("index").stream())
                .mapToLong(JsonNode::asLong).max().orElse(-1);
    }

    private long firstPosition(Set<String> orderIds) {
        return jdbc.queryForObject("select min(global_index) from domain_event_entry"
                + " where aggregate_identifier = any(?)", Long.class, (Object) orderIds.toArray(String[]::new));
    }

    @Test
    void anExporterKilledInTheMiddleOfABacklogPublishesEveryEventOnceAfterItsRestart() throws IOException {
        var exporter = processing.eventProcessorByProcessingGroup("kafka-export", StreamingEventProcessor.class)
                .orElseThrow();
        exporter.shutDown(); // the export moves to a process of its own, which can be killed
        try {
            var backlog = Set.copyOf(placeOrders("customer-" + UUID.randomUUID(), 60));
            var first = firstPosition(backlog);
            // Projections alone, in small batches: the backlog goes out in many Kafka transactions.
            var arguments = List.of("--emporium.roles.command.enabled=false", "--emporium.roles.query.enabled=false",
                    "--emporium.roles.checkout.enabled=false", "--emporium.export.batch-size=5");
            try (var exporting = EngineProcess.start(context, "exporter", arguments)) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> exportedPosition() >= first);
                exporting.kill();
            }
            var exportedWhenKilled = topic().stream().filter(record -> backlog.contains(record.orderId())).count();
            assertThat(exportedWhenKilled).as("the backlog's records in the topic when the exporter was killed")
                    .isPositive().isLessThan(stored(backlog).size());

            var meanwhile = Set.copyOf(placeOrders("customer-" + UUID.randomUUID(), 10));
            try (var restarted = EngineProcess.start(context, "exporter-restarted", arguments)) {
                var all = new HashSet<>(backlog);
                all.addAll(meanwhile);
                assertTopicEqualsStore(all);
            }
        } finally {
            exporter.start();
        }
    }
}
