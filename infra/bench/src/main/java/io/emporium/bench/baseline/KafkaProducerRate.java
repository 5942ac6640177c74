package io.emporium.bench.baseline;

import io.emporium.bench.figure.Figure;
import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.figure.Warmup;
import io.emporium.bench.process.Servers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How many records per second one producer gets acknowledged by the broker with the export's durability
 * (acks=all, idempotent) and the export's record size, sending without waiting for each acknowledgement: the
 * ceiling of any export to Kafka on this machine.
 */
public final class KafkaProducerRate {

    /** The engine's export topic, whose records set the size measured here. */
    public static final String EXPORT_TOPIC = "emporium.orders.v1";
    private static final String TOPIC = "bench.producer-baseline";
    private static final long MAX_RECORDS = 50_000_000;

    private KafkaProducerRate() {
    }

    /** Sizes of one record's key and value, in bytes. */
    public record RecordSize(int key, int value, boolean fromExport) {}

    /** The size of the first record the engine exported, or of a typical envelope if it exported none. */
    public static RecordSize exportedRecordSize(Servers servers) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-size-probe"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partition = new TopicPartition(EXPORT_TOPIC, 0);
            if (consumer.partitionsFor(EXPORT_TOPIC, Duration.ofSeconds(5)).isEmpty()) {
                return new RecordSize(36, 700, false);
            }
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    return new RecordSize(record.key() == null ? 0 : record.key().length, record.value().length,
                            true);
                }
            }
            return new RecordSize(36, 700, false);
        }
    }

    public static Figure measure(Servers servers, RecordSize size, Warmup.Plan warmupPlan, Duration each,
                                 int repetitions) throws InterruptedException {
        var value = new byte[size.value()];
        Arrays.fill(value, (byte) 'x');
        var key = new byte[size.key()];
        Arrays.fill(key, (byte) 'k');
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-producer"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
            var warmup = warmupPlan.run(window -> run(producer, key, value, window));
            var rates = new ArrayList<Double>();
            for (var i = 0; i < repetitions; i++) {
                rates.add(run(producer, key, value, each));
            }
            return new Figure("Raw Kafka producer, acks=all, idempotent", "records/s", Spread.of(rates),
                    "one producer sending " + size.key() + "+" + size.value() + "-byte records (key+value, the size "
                    + (size.fromExport() ? "of a record the engine exported" : "of a typical export envelope")
                    + ") without waiting for each acknowledgement, default batching, counted when acknowledged, "
                    + Formats.seconds(each) + " s per repetition, after a warm-up "
                    + warmup.describe(warmupPlan.window()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the first record", e);
        }
    }

    private static double run(KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value, Duration duration) {
        var acknowledged = new LongAdder();
        var failure = new AtomicReference<Exception>();
        var begin = System.nanoTime();
        var deadline = begin + duration.toNanos();
        for (long n = 0; n < MAX_RECORDS && System.nanoTime() < deadline; n++) {
            producer.send(new ProducerRecord<>(TOPIC, key, value), (metadata, error) -> {
                if (error == null) {
                    acknowledged.increment();
                } else {
                    failure.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka refused a record", failure.get());
        }
        return acknowledged.sum() / ((System.nanoTime() - begin) / 1e9);
    }
}
