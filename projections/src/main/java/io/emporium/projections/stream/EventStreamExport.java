package io.emporium.projections.stream;

import io.emporium.contracts.schema.EventSchemas;
import io.emporium.eventstore.Correlation;
import io.emporium.eventstore.PrefetchingEventSource;
import io.emporium.projections.EventPositions;
import io.emporium.projections.stream.ExportedPositions.Position;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * Publishes every event to its bounded context's topic ({@link ExportTopics}), keyed by the aggregate id so that one
 * aggregate's events stay in order in one partition, in a CloudEvents envelope ({@link EventEnvelope}).
 *
 * <p>Exactly once: each processor batch is one Kafka transaction that also carries the position it reached
 * ({@link ExportedPositions}), committed just before the processor's token in PostgreSQL. If the database commit
 * then fails or the process dies, the batch comes again and every event the committed position already covers is
 * skipped; if the Kafka commit fails, the transaction is aborted and nothing of the batch is visible to
 * {@code read_committed} consumers. A transactional id per segment fences a stale owner of the segment.
 */
@Component
@ProcessingGroup(EventStreamExport.PROCESSOR)
class EventStreamExport implements DisposableBean {

    static final String PROCESSOR = "kafka-export";
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamExport.class);
    private static final String SEGMENT = "Processor[" + PROCESSOR + "]/SegmentId";
    private static final String BATCH_TOKEN = "Processor[" + PROCESSOR + "]/Token";
    private static final String OPEN_TRANSACTION = EventStreamExport.class.getName() + "/transaction";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> connection;
    private final JsonMapper json;
    private final Serializer events;
    private final ExportedPositions exported;
    private final Map<Integer, SegmentExport> segments = new ConcurrentHashMap<>();
    private volatile boolean topicReady;

    /** One segment's producer and the position its last committed transaction reached. */
    private static final class SegmentExport {
        final Producer<String, byte[]> producer;
        volatile @Nullable Position position;

        SegmentExport(Producer<String, byte[]> producer, @Nullable Position position) {
            this.producer = producer;
            this.position = position;
        }
    }

    /**
     * @param events the serializer the event store reads events with: asked for the payload in that same form, a
     *               stored event answers with its stored bytes
     */
    EventStreamExport(KafkaConnectionDetails kafka, JsonMapper json, @Qualifier("eventSerializer") Serializer events) {
        this.events = events;
        this.connection = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()));
        this.json = json;
        this.exported = new ExportedPositions(connection, json);
    }

    /**
     * Takes the message, not its payload: the envelope carries the event's stored JSON as it is (as a replay does),
     * so the event is neither deserialized nor serialized again.
     */
    @EventHandler(payloadType = Object.class)
    void on(DomainEventMessage<?> message, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex) {
        var payloadType = message.getPayloadType();
        var context = ExportTopics.ofType(payloadType);
        if (context.isEmpty()) {
            return;
        }
        var unitOfWork = CurrentUnitOfWork.get();
        var segment = segmentOf(unitOfWork);
        if (segment.position != null && segment.position.covers(globalIndex, token)) {
            return; // in a Kafka transaction that committed before this batch's database commit failed
        }
        var producer = transactionIn(unitOfWork, segment);
        var topics = context.get();
        var stored = message.serializePayload(events, byte[].class).getData();
        var envelope = new EventEnvelope("1.0", message.getIdentifier(), topics.source(), topics.type(payloadType),
                message.getTimestamp().toString(), message.getAggregateIdentifier(), "application/json",
                EventSchemas.uriOf(payloadType), EventPositions.of(globalIndex, token),
                message.getSequenceNumber(), metaData(message, Correlation.METADATA_KEY),
                metaData(message, Correlation.CAUSATION_METADATA_KEY),
                new RawValue(new String(stored, StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(topics.topic(), message.getAggregateIdentifier(),
                json.writeValueAsBytes(envelope)));
    }

    private SegmentExport segmentOf(UnitOfWork<?> unitOfWork) {
        Integer segment = unitOfWork.getResource(SEGMENT);
        var id = segment == null ? 0 : segment;
        return segments.computeIfAbsent(id, this::open);
    }

    /** A new producer for the segment: fences any older one, then learns where the export really stands. */
    private SegmentExport open(int segment) {
        if (!topicReady) {
            exported.ensureTopic();
            topicReady = true;
        }
        var config = new HashMap<>(connection);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "emporium-export-" + segment);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "emporium-export-" + segment);
        var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
            var position = exported.read().get(segment);
            LOG.info("Kafka export of segment {} resumes after {}", segment, position);
            return new SegmentExport(producer, position);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /** A batch's Kafka transaction while it is open. */
    private static final class OpenTransaction {
        final SegmentExport segment;
        volatile boolean open = true;

        OpenTransaction(SegmentExport segment) {
            this.segment = segment;
        }
    }

    /** The batch's Kafka transaction, begun on its first exported event and finished with the batch. */
    private Producer<String, byte[]> transactionIn(UnitOfWork<?> unitOfWork, SegmentExport segment) {
        var transaction = new OpenTransaction(segment);
        if (unitOfWork.resources().putIfAbsent(OPEN_TRANSACTION, transaction) == null) {
            segment.producer.beginTransaction();
            // Registered after the work package's token update, so this runs right before the database commit.
            unitOfWork.onPrepareCommit(committing -> {
                var reached = Position.of(committing.getResource(BATCH_TOKEN));
                try {
                    if (reached != null) {
                        exported.write(segment.producer, segmentId(committing), reached);
                    }
                    segment.producer.commitTransaction();
                } catch (RuntimeException e) {
                    transaction.open = false;
                    discard(segmentId(committing), segment);
                    throw e;
                }
                transaction.open = false;
                segment.position = reached;
            });
            unitOfWork.onRollback(rolledBack -> {
                if (transaction.open) {
                    transaction.open = false;
                    abort(segmentId(rolledBack), segment);
                }
            });
        }
        return segment.producer;
    }

    private static int segmentId(UnitOfWork<?> unitOfWork) {
        Integer segment = unitOfWork.getResource(SEGMENT);
        return segment == null ? 0 : segment;
    }

    private void abort(int segment, SegmentExport export) {
        try {
            export.producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.warn("Aborting the Kafka export transaction of segment {} failed; starting over: {}", segment,
                    e.toString());
            discard(segment, export);
        }
    }

    /** After a failed commit or abort the producer's state is unknown: the next batch opens a new one. */
    private void discard(int segment, SegmentExport export) {
        segments.remove(segment, export);
        export.producer.close(Duration.ZERO);
    }

    private static @Nullable String metaData(DomainEventMessage<?> message, String key) {
        var value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    /**
     * Forgets every segment's producer and position, as a restarted process would: the replay that follows a reset
     * learns from Kafka what was exported already and publishes none of it again.
     */
    @ResetHandler
    void restart() {
        segments.forEach((segment, export) -> discard(segment, export));
    }

    @Override
    public void destroy() {
        segments.values().forEach(export -> export.producer.close(Duration.ofSeconds(5)));
        segments.clear();
    }
}
