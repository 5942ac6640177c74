package io.emporium.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's storage on PostgreSQL for every role that touches events: the command side appends, projections read and
 * keep their tokens. Declared here rather than left to Axon's auto-configuration, because on Spring Boot 4 that
 * silently falls back to no transactions, XStream and camelCase tables.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@EnableConfigurationProperties(DataSourceProperties.class)
public class EventStoreConfiguration {

    /** PostgreSQL's unique_violation: PgJDBC never throws SQLIntegrityConstraintViolationException. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * The JDBC pool of the event store, projections and idempotency keys. Spring Boot creates none as soon as an R2DBC
     * connection factory exists (the query side's), so it is declared here from the same spring.datasource settings
     * and connection details Boot would use.
     */
    @Bean
    @ConditionalOnMissingBean(DataSource.class)
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, ObjectProvider<JdbcConnectionDetails> details) {
        var connection = details.getIfAvailable();
        var builder = connection == null ? properties.initializeDataSourceBuilder()
                : DataSourceBuilder.create(properties.getClassLoader()).url(connection.getJdbcUrl())
                        .username(connection.getUsername()).password(connection.getPassword())
                        .driverClassName(connection.getDriverClassName());
        return builder.type(HikariDataSource.class).build();
    }

    /**
     * The JDBC transaction manager, declared because Spring Boot skips its own as soon as any other transaction
     * manager exists, and the query side's R2DBC one does.
     */
    @Bean
    @ConditionalOnMissingBean(PlatformTransactionManager.class)
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /**
     * Commands, projections and token updates all join Spring's transaction, so a read-model row and its token commit
     * or roll back together.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** Two writers on one aggregate version, or one aggregate created twice, become Axon's concurrency errors. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** Jackson 2, because Axon's serializer is built on it; the web edge uses Boot's Jackson 3 independently. */
    public static ObjectMapper eventObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Old events must stay readable when a newer record gains an optional field.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return serializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return serializer();
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("timestamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** Also the {@link AggregateStreams} bean; it skips the aggregates that the repositories' caches hold. */
    @Bean
    SnapshotFreeStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer events,
                                                 ConnectionProvider connections, TransactionManager transactions,
                                                 PersistenceExceptionResolver resolver, EventSchema schema,
                                                 ObjectProvider<Cache> aggregateCaches,
                                                 ObjectProvider<MeterRegistry> meters) {
        var engine = new SnapshotFreeStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(events)
                .persistenceExceptionResolver(resolver)
                .connectionProvider(connections)
                .schema(schema)
                .dataType(byte[].class), new ReadsOutsideTransactions(transactions),
                () -> aggregateCaches.orderedStream().toList());
        meters.ifAvailable(registry -> FunctionCounter.builder("emporium.eventstore.streams.prefetched", engine,
                        SnapshotFreeStorageEngine::streamsServedFromPrefetch)
                .description("Aggregate loads served from a batch's one query for its streams").register(registry));
        return engine;
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .contentType(byte[].class)
                .schema(TokenSchema.builder()
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build())
                // A crashed instance's segments are taken over after this long without a heartbeat.
                .claimTimeout(Duration.ofSeconds(10))
                .nodeId(ManagementFactory.getRuntimeMXBean().getName())
                .build();
    }

    /** Where read-model processors park the events they cannot apply (table of migration V11). */
    @Bean
    public static DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * Process managers (sagas) keep their state in PostgreSQL, in the transaction of the events they handle; a saga
     * is found and loaded in one query ({@link PrefetchingSagaStore}).
     */
    @Bean
    SagaStore<Object> sagaStore(ConnectionProvider connections, Serializer serializer) {
        var schema = SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .sagaIdColumn("saga_id")
                .revisionColumn("revision")
                .sagaTypeColumn("saga_type")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build();
        var store = JdbcSagaStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .sqlSchema(new PostgresSagaSqlSchema(schema))
                .build();
        return new PrefetchingSagaStore(store, connections, serializer, schema);
    }

    /**
     * Segments of a new processor unless it says otherwise: as many as Axon's default worker threads (4). The
     * coordinator schedules every segment's worker for every event, also the segments that cannot handle it
     * (WorkPackage.scheduleEvent in Axon 4.13), and a batch is split among the segments, each share a transaction
     * of its own: Axon's default of 16 segments on 4 threads did both 16 times.
     */
    public static final int PROCESSOR_SEGMENTS = 4;

    /** Events a processor's segment handles in one transaction when that many are waiting; it never waits for more. */
    public static final int PROCESSOR_BATCH_SIZE = 64;

    /**
     * Pooled streaming processors everywhere: they split a processor's work over segments and threads. They read
     * through {@link PrefetchingEventSource}, which tells them of new events at once instead of every 500 ms. A
     * segment that falls behind catches up in batches, one transaction and one token update per batch instead of
     * per event.
     */
    @Bean
    ConfigurerModule pooledStreamingProcessors() {
        return configurer -> configurer.eventProcessing().usingPooledStreamingEventProcessors(
                        (config, processor) -> processor.batchSize(PROCESSOR_BATCH_SIZE)
                                .initialSegmentCount(PROCESSOR_SEGMENTS))
                .configureDefaultStreamableMessageSource(config -> new PrefetchingEventSource(config.eventStore()));
    }
}
