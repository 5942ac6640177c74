package io.emporium.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** Aggregate loads cost no snapshot query, and no snapshot is written that nothing would read. */
class SnapshotFreeStorageEngineTest {

    private final AtomicInteger connectionsAsked = new AtomicInteger();

    private final SnapshotFreeStorageEngine engine = new SnapshotFreeStorageEngine(JdbcEventStorageEngine.builder()
            .snapshotSerializer(JacksonSerializer.defaultSerializer())
            .eventSerializer(JacksonSerializer.defaultSerializer())
            .connectionProvider(() -> {
                connectionsAsked.incrementAndGet();
                throw new IllegalStateException("no database in this test");
            })
            .transactionManager(NoTransactionManager.INSTANCE)
            .dataType(byte[].class));

    @Test
    void loadsAnAggregateWithoutAskingTheSnapshotTable() {
        assertThat(engine.readSnapshot("order-1")).isEmpty();
        assertThat(connectionsAsked).hasValue(0);
    }

    @Test
    void refusesToStoreASnapshotThatWouldNeverBeRead() {
        var snapshot = new GenericDomainEventMessage<>("Order", "order-1", 7, "state");

        assertThatThrownBy(() -> engine.storeSnapshot(snapshot))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("order-1");
        assertThat(connectionsAsked).hasValue(0);
    }
}
