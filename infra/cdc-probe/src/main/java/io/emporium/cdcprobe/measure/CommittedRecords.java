package io.emporium.cdcprobe.measure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic back as an exactly-once consumer would ({@code read_committed}): how many records it holds and how
 * many distinct event ids, so a run counts only what really committed, and duplicates would show.
 */
public final class CommittedRecords {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private CommittedRecords() {
    }

    /** @param meanValueBytes the mean size of a record's value: the envelope, comparable across designs */
    public record Count(long records, long distinctIds, double meanValueBytes) {}

    public static Count of(String bootstrapServers, String topic) {
        var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end offsets are the last stable offsets: everything before them is decided.
            var end = consumer.endOffsets(partitions);
            var ids = new HashSet<String>();
            var records = 0L;
            var bytes = 0L;
            while (!reached(consumer, partitions, end)) {
                for (var record : consumer.poll(Duration.ofSeconds(1))) {
                    records++;
                    bytes += record.value().length;
                    var id = ID.matcher(new String(record.value(), StandardCharsets.UTF_8));
                    if (id.find()) {
                        ids.add(id.group(1));
                    }
                }
            }
            return new Count(records, ids.size(), records == 0 ? 0 : (double) bytes / records);
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
                                   Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
    }
}
