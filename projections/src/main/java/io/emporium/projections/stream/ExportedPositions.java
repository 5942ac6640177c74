package io.emporium.projections.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * How far the export got, kept in Kafka itself (compacted topic {@value #TOPIC}, one record per segment) and written
 * in the same Kafka transaction as the events it covers: the position and the events become visible together or
 * not at all. After a restart it is read back with {@code read_committed}, so an event whose transaction committed
 * is known as exported even if the processor's own token in PostgreSQL never moved.
 */
final class ExportedPositions {

    static final String TOPIC = "emporium.export.positions";

    /** The stored form of a gap-aware token: the highest index seen and the lower ones not seen yet. */
    record Position(long index, List<Long> gaps) {

        static @Nullable Position of(@Nullable TrackingToken token) {
            var lower = WrappedToken.unwrapLowerBound(token);
            return switch (lower) {
                case GapAwareTrackingToken gapAware -> new Position(gapAware.getIndex(),
                        List.copyOf(gapAware.getGaps()));
                case GlobalSequenceTrackingToken global -> new Position(global.getGlobalIndex(), List.of());
                case null -> null;
                default -> throw new IllegalStateException("cannot store a " + lower.getClass().getSimpleName());
            };
        }

        /**
         * True if the event was already exported: its own index is at most the position's and not one of its gaps.
         * Asking whether the position covers the event's token would be wrong: a token also carries the gaps seen
         * when it was made, so after a gap below the event filled in, the event's token on the batch's retry has one
         * gap fewer than the position, is not covered, and the event would be published twice.
         *
         * @param eventIndex the event's own global index; without it (a late event whose index the stream could not
         *                   tell) the tokens are compared, which is right for an event that filled a gap
         */
        boolean covers(@Nullable Long eventIndex, TrackingToken eventToken) {
            if (eventIndex != null) {
                return eventIndex <= index && !gaps.contains(eventIndex);
            }
            var lower = WrappedToken.unwrapLowerBound(eventToken);
            return GapAwareTrackingToken.newInstance(index, gaps).covers(lower);
        }
    }

    private final Map<String, Object> connection;
    private final JsonMapper json;

    ExportedPositions(Map<String, Object> connection, JsonMapper json) {
        this.connection = connection;
        this.json = json;
    }

    /** Creates the compacted topic if it is missing; losing old positions to compaction is its purpose. */
    void ensureTopic() {
        try (var admin = Admin.create(connection)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + TOPIC, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + TOPIC, e);
        }
    }

    /** The last committed position of each segment, read to the end of the topic. */
    Map<Integer, Position> read() {
        var config = new HashMap<>(connection);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var positions = new HashMap<Integer, Position>();
        try (var consumer = new KafkaConsumer<String, byte[]>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            var end = consumer.endOffsets(List.of(partition)).get(partition);
            var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + TOPIC + " took longer than 30 s");
                }
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        positions.put(Integer.parseInt(record.key()), json.readValue(record.value(),
                                Position.class));
                    }
                }
            }
        }
        return positions;
    }

    /** Adds the segment's new position to the producer's open transaction. */
    void write(Producer<String, byte[]> producer, int segment, Position position) {
        producer.send(new ProducerRecord<>(TOPIC, Integer.toString(segment), json.writeValueAsBytes(position)));
    }
}
