package io.emporium.eventstore;

import static io.emporium.eventstore.UnitsOfWork.inUnitOfWork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emporium.eventstore.AggregateStreams.Appended;
import io.emporium.servers.EmbeddedServers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Appends on a real PostgreSQL with the engine's schema: the places an append reports are the ones the table holds,
 * and a conflicting append is still Axon's concurrency error.
 */
class SnapshotFreeStorageEngineIT {

    /** An event's payload, as the store serializes it. */
    public record Happened(String what) {}

    private static JdbcTemplate jdbc;
    private static SnapshotFreeStorageEngine engine;

    @BeforeAll
    static void realDatabase() {
        var postgres = EmbeddedServers.get().postgres();
        DataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        var configuration = new EventStoreConfiguration();
        engine = new SnapshotFreeStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .persistenceExceptionResolver(configuration.persistenceExceptionResolver())
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new DataSourceConnectionProvider(dataSource)))
                .schema(configuration.eventSchema()), NoTransactionManager.INSTANCE, List::of);
    }

    @Test
    void reportsWhereEachAggregatesLastAppendedEventLanded() {
        var cart = UUID.randomUUID().toString();
        var order = UUID.randomUUID().toString();
        inUnitOfWork(() -> {
            engine.appendEvents(event(cart, 0));
            return null;
        });

        var reported = inUnitOfWork(() -> {
            engine.appendEvents(event(order, 0), event(cart, 1), event(order, 1));
            engine.appendEvents(event(cart, 2));
            return engine.appendedInThisUnitOfWork();
        });

        assertThat(reported).isEqualTo(lastInTable(cart, order)).containsOnlyKeys(cart, order);
        assertThat(reported.get(cart).sequenceNumber()).isEqualTo(2);
        assertThat(reported.get(order).sequenceNumber()).isEqualTo(1);
    }

    @Test
    void reportsNothingForAUnitOfWorkThatAppendedNothing() {
        assertThat(inUnitOfWork(engine::appendedInThisUnitOfWork)).isEmpty();
        assertThat(engine.appendedInThisUnitOfWork()).isEmpty();
    }

    @Test
    void aStreamCreatedTwiceIsStillAStreamCreationConflict() {
        var order = UUID.randomUUID().toString();
        inUnitOfWork(() -> {
            engine.appendEvents(event(order, 0));
            return null;
        });

        assertThatThrownBy(() -> inUnitOfWork(() -> {
            engine.appendEvents(event(order, 0));
            return null;
        })).isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void aVersionWrittenTwiceIsStillAConcurrencyConflict() {
        var order = UUID.randomUUID().toString();
        inUnitOfWork(() -> {
            engine.appendEvents(event(order, 0), event(order, 1));
            return null;
        });

        assertThatThrownBy(() -> inUnitOfWork(() -> {
            engine.appendEvents(event(order, 1));
            return null;
        })).isInstanceOf(ConcurrencyException.class);
        assertThat(lastInTable(order).get(order).sequenceNumber()).isEqualTo(1);
    }

    private static DomainEventMessage<Happened> event(String aggregateId, long sequenceNumber) {
        return new GenericDomainEventMessage<>("Order", aggregateId, sequenceNumber,
                new Happened("event " + sequenceNumber + " of " + aggregateId));
    }

    private static Map<String, Appended> lastInTable(String... aggregateIds) {
        var last = new HashMap<String, Appended>();
        jdbc.query("""
                select distinct on (aggregate_identifier) aggregate_identifier, sequence_number, global_index
                  from domain_event_entry where aggregate_identifier = any(?)
                 order by aggregate_identifier, sequence_number desc
                """, row -> {
            last.put(row.getString(1), new Appended(row.getLong(2), row.getLong(3)));
        }, (Object) aggregateIds);
        return last;
    }
}
