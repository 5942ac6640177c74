package io.emporium.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * Aggregate loads cost no snapshot query, no snapshot is written that nothing would read, and a batch's streams are
 * read ahead only where a load would read them. (Reading them ahead, on PostgreSQL: {@code GroupCommitIT}.)
 */
class SnapshotFreeStorageEngineTest {

    private final AtomicInteger connectionsAsked = new AtomicInteger();
    private final BoundedCache orders = new BoundedCache(10, Duration.ofMinutes(1));

    private final SnapshotFreeStorageEngine engine = new SnapshotFreeStorageEngine(JdbcEventStorageEngine.builder()
            .snapshotSerializer(JacksonSerializer.defaultSerializer())
            .eventSerializer(JacksonSerializer.defaultSerializer())
            .connectionProvider(() -> {
                connectionsAsked.incrementAndGet();
                throw new IllegalStateException("no database in this test");
            })
            .dataType(byte[].class), NoTransactionManager.INSTANCE, () -> List.of(orders));

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

    @Test
    void readsNoStreamAheadForAnAggregateItsRepositoryHasCached() {
        orders.put("order-1", "the loaded order");
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            engine.prefetch(List.of("order-1"));
        } finally {
            unitOfWork.rollback();
        }
        assertThat(connectionsAsked).hasValue(0);
    }

    @Test
    void readsNoStreamAheadOutsideAUnitOfWork() {
        engine.prefetch(List.of("order-2"));
        assertThat(connectionsAsked).hasValue(0);
    }
}
