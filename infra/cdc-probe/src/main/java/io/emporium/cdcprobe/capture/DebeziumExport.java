package io.emporium.cdcprobe.capture;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Design (b) of ADR 007: Debezium's embedded engine reads domain_event_entry's inserts from PostgreSQL's logical
 * decoding (pgoutput, an existing slot and publication) and hands them over in batches; each batch becomes one Kafka
 * transaction from a transactional, idempotent producer (acks=all), keyed by aggregate id, holding every event's
 * envelope plus the source position (LSN) the batch reached on a compacted topic. That last record is what exactly
 * once would resume from, as the engine's export resumes from {@code emporium.export.positions}; the probe keeps
 * Debezium's own offsets in memory and never resumes, so it measures the cost of the design, not its recovery.
 */
public final class DebeziumExport implements AutoCloseable {

    public static final String TOPIC = "emporium.cdc.orders.v1";
    public static final String POSITIONS = "emporium.cdc.positions";
    public static final String SLOT = "emporium_cdc";
    private static final Logger LOG = LoggerFactory.getLogger(DebeziumExport.class);

    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("debezium-engine").factory());
    private final JsonMapper json = JsonMapper.builder().build();
    private final long expected;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile @Nullable Throwable failure;

    /** A running PostgreSQL's coordinates. */
    public record Database(String host, int port, String database, String user, String password) {}

    private DebeziumExport(Database database, String bootstrapServers, long expected, int batchSize) {
        this.expected = expected;
        var config = new HashMap<String, Object>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // As the engine's export configures its producer (EventStreamExport.open).
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "emporium-cdc-export-0");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "emporium-cdc-export-0");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties(database, batchSize))
                .notifying(this::publish)
                .using((success, message, error) -> {
                    if (!success) {
                        failure = error != null ? error : new IllegalStateException(message);
                        done.countDown();
                    }
                })
                .build();
    }

    /**
     * Creates the compacted positions topic, as the engine's export ensures its own; the data topic is created on
     * first use, as the engine's is.
     */
    public static void createPositionsTopic(String bootstrapServers) throws Exception {
        try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(POSITIONS, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Starts capturing; {@link #awaitAll} tells when {@code expected} events are committed in Kafka. */
    public static DebeziumExport start(Database database, String bootstrapServers, long expected, int batchSize) {
        var export = new DebeziumExport(database, bootstrapServers, expected, batchSize);
        export.runner.execute(export.engine);
        return export;
    }

    private static Properties properties(Database database, int batchSize) {
        var properties = new Properties();
        properties.setProperty("name", "emporium-cdc");
        properties.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        properties.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        properties.setProperty("offset.flush.interval.ms", "10000");
        properties.setProperty("database.hostname", database.host());
        properties.setProperty("database.port", Integer.toString(database.port()));
        properties.setProperty("database.user", database.user());
        properties.setProperty("database.password", database.password());
        properties.setProperty("database.dbname", database.database());
        properties.setProperty("topic.prefix", "emporium");
        properties.setProperty("plugin.name", "pgoutput");
        properties.setProperty("slot.name", SLOT);
        properties.setProperty("publication.name", SLOT);
        // The slot and publication exist before the backlog is written, so the WAL holding it is retained.
        properties.setProperty("publication.autocreate.mode", "disabled");
        properties.setProperty("table.include.list", "public.domain_event_entry");
        // No snapshot: the backlog is in the WAL after the slot's start, as after an exporter outage.
        properties.setProperty("snapshot.mode", "no_data");
        // Batches of the engine export's size: each is one Kafka transaction in both designs.
        properties.setProperty("max.batch.size", Integer.toString(batchSize));
        properties.setProperty("max.queue.size", Integer.toString(Math.max(8192, batchSize * 4)));
        return properties;
    }

    /** One batch, one Kafka transaction; the batch is marked processed only once Kafka committed it. */
    private void publish(List<RecordChangeEvent<SourceRecord>> batch,
                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        var events = 0;
        Map<String, ?> reached = null;
        producer.beginTransaction();
        try {
            for (var change : batch) {
                var record = change.record();
                if (record.value() instanceof Struct value && value.schema().field("after") != null
                        && value.get("after") instanceof Struct after) {
                    var envelope = CdcEnvelope.of(after, json);
                    producer.send(new ProducerRecord<>(TOPIC, envelope.subject(), json.writeValueAsBytes(envelope)));
                    events++;
                }
                reached = record.sourceOffset();
            }
            if (reached != null) {
                producer.send(new ProducerRecord<>(POSITIONS, "0", json.writeValueAsBytes(reached)));
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            producer.abortTransaction();
            throw e;
        }
        transactions.incrementAndGet();
        for (var change : batch) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        if (committed.addAndGet(events) >= expected) {
            done.countDown();
        }
    }

    /**
     * @return whether all expected events were committed within {@code limit}
     * @throws IllegalStateException if the engine stopped with an error
     */
    public boolean awaitAll(Duration limit) throws InterruptedException {
        var all = done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        var error = failure;
        if (error != null) {
            throw new IllegalStateException("Debezium's engine failed", error);
        }
        return all;
    }

    public long committed() {
        return committed.get();
    }

    public long transactions() {
        return transactions.get();
    }

    @Override
    public void close() throws IOException {
        engine.close();
        runner.shutdown();
        try {
            if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Debezium's engine did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
