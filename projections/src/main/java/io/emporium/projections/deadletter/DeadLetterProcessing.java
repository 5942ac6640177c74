package io.emporium.projections.deadletter;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.emporium.eventstore.EventStoreConfiguration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which processors dead-letter, and how: the read models, each with its own queue in table dead_letter_entry.
 *
 * <p>Not the Kafka export: its topics promise every event in store order, so a gap would be worse than a stall. Not
 * the checkout process either: it moves money and stock, and an event it skipped would leave an order stuck; it
 * stops and retries instead.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterProcessing {

    /** The read-model processors (their processing groups): order and cart views, product and order search. */
    static final List<String> PROCESSORS = List.of("order-views", "cart-views", "product-search", "order-search");

    @Bean
    ConfigurerModule deadLetterQueues(DeadLetterSchema schema, ConnectionProvider connections,
                                      TransactionManager transactions, DataSource dataSource,
                                      DeadLetterProperties settings) {
        var serializer = deadLetterSerializer();
        return configurer -> PROCESSORS.forEach(processor -> configurer.eventProcessing()
                .registerDeadLetterQueue(processor, config -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(processor)
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .schema(schema)
                        .statementFactory(new ClaimableSequences<>(schema, serializer))
                        .genericSerializer(serializer)
                        .eventSerializer(serializer)
                        .build())
                .registerDeadLetterPolicy(processor, config -> new DeadLetterPolicy(processor, settings))
                .registerDeadLetteringEventHandlerInvokerConfiguration(processor, (config, invoker) -> invoker
                        // Without it every event costs a query for a parked sequence; it knows which it parked.
                        .enableSequenceIdentifierCache()
                        // A reset replays every event, the parked ones too: kept letters would park them again.
                        .allowReset(true)
                        .handlerDefinition(new RetriedInSavepoints(
                                config.handlerDefinition(DeadLetterProcessing.class), dataSource, settings))));
    }

    /**
     * The event store's Jackson mapping, except that untyped whole numbers come back as longs: a dead letter's
     * metadata holds the event's global index, which handlers take as a {@code Long}, and a plain mapping would
     * hand them an {@code Integer} on retry.
     */
    static Serializer deadLetterSerializer() {
        var mapper = EventStoreConfiguration.eventObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }
}
