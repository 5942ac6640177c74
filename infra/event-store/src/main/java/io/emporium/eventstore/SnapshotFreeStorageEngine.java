package io.emporium.eventstore;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine for aggregates that are never snapshotted, which is all of Emporium's: their streams are
 * short (a cart, an order, a product) or kept in the aggregate cache (a hot SKU's stock). Axon asks the snapshot table
 * before every aggregate load all the same, one more round trip per command on a cache miss, and on the append path
 * that round trip runs inside a group commit's writer: in a profile of bench scenario 5, the snapshot query took 168
 * of the writer threads' 2,488 CPU samples, about as much as reading the new order's (empty) event stream (183). A
 * snapshot stored here would never be read, so storing one is refused rather than silently ignored.
 */
final class SnapshotFreeStorageEngine extends JdbcEventStorageEngine {

    SnapshotFreeStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("Emporium's aggregates are not snapshotted: a snapshot of "
                + snapshot.getAggregateIdentifier() + " would never be read (see SnapshotFreeStorageEngine)");
    }
}
