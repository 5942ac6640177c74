package io.emporium.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** A real KRaft broker from the broker's jars, started and stopped as embedded mode does. */
@TestMethodOrder(OrderAnnotation.class)
class KafkaProcessIT {

    @TempDir
    static Path workDir;

    private static KafkaProcess kafka;

    @BeforeAll
    static void startKafka() {
        var begin = System.nanoTime();
        kafka = KafkaProcess.start(Distributions.fromBuild().kafkaHome(), workDir.resolve("kafka"));
        System.out.printf("Kafka ready in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void deliversAProducedRecordToAConsumerOfANewTopic() throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("orders", "order-1", "placed")).get();
        }

        var received = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "readers",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("orders"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("order-1");
            assertThat(record.value()).isEqualTo("placed");
        });
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void closingLeavesNoProcessBehind() {
        var processes = ProcessHandle.current().descendants().toList();
        assertThat(processes).as("the broker's processes").isNotEmpty();

        kafka.close();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aKilledOwnerLeavesNoProcessBehind(@TempDir Path ownerDir) throws Exception {
        var owner = ServerOwner.start("kafka", Distributions.fromBuild().kafkaHome(), ownerDir.resolve("kafka"));
        var processes = owner.descendants().toList();
        assertThat(processes).as("the broker's processes").hasSizeGreaterThanOrEqualTo(2);

        owner.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(
                () -> assertThat(processes).noneMatch(ProcessHandle::isAlive));
    }
}
