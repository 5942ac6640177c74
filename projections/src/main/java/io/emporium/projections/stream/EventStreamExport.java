package io.emporium.projections.stream;

import io.emporium.contracts.order.OrderEvent;
import io.emporium.eventstore.Correlation;
import io.emporium.projections.EventPositions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every order event to {@value #ORDERS_TOPIC}, keyed by the order id so that one order's events stay in
 * order in one partition. Each send is acknowledged by all in-sync replicas before the processor's token moves;
 * the idempotent producer removes duplicates from its own retries. A crash between send and token commit can still
 * repeat an event: consumers deduplicate by {@code position} (transactional export is issue 5's work).
 */
@Component
@ProcessingGroup("kafka-export")
class EventStreamExport implements DisposableBean {

    static final String ORDERS_TOPIC = "emporium.orders.v1";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Kafka's own bound on one send, retries included; must exceed linger plus one request. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SEND_TIMEOUT = DELIVERY_TIMEOUT.plusSeconds(5);

    private final Producer<String, byte[]> producer;
    private final JsonMapper json;

    EventStreamExport(KafkaConnectionDetails kafka, JsonMapper json) {
        this.json = json;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis(),
                ProducerConfig.CLIENT_ID_CONFIG, "emporium-export"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @EventHandler
    void on(OrderEvent event, DomainEventMessage<?> message, TrackingToken token)
            throws InterruptedException, ExecutionException, TimeoutException {
        var envelope = new EventEnvelope("1.0", message.getIdentifier(), "/emporium/orders",
                "io.emporium.orders." + event.getClass().getSimpleName(), message.getTimestamp().toString(),
                event.orderId(), "application/json", EventPositions.of(token), message.getSequenceNumber(),
                metaData(message, Correlation.METADATA_KEY), metaData(message, Correlation.CAUSATION_METADATA_KEY),
                event);
        producer.send(new ProducerRecord<>(ORDERS_TOPIC, event.orderId(), json.writeValueAsBytes(envelope)))
                .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static @Nullable String metaData(DomainEventMessage<?> message, String key) {
        var value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
