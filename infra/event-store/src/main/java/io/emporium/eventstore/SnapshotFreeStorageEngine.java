package io.emporium.eventstore;

import static org.axonframework.common.jdbc.JdbcUtils.closeQuietly;
import static org.axonframework.common.jdbc.JdbcUtils.executeQuery;
import static org.axonframework.eventhandling.EventUtils.asDomainEventMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Axon's JDBC storage engine for aggregates that are never snapshotted, which is all of Emporium's: their streams are
 * short (a cart, an order, a product) or kept in the aggregate cache (a hot SKU's stock). Axon asks the snapshot table
 * before every aggregate load all the same, one more round trip per command on a cache miss, and on the append path
 * that round trip runs inside a group commit's writer: in a profile of bench scenario 5, the snapshot query took 168
 * of the writer threads' 2,488 CPU samples, about as much as reading the new order's (empty) event stream (183). A
 * snapshot stored here would never be read, so storing one is refused rather than silently ignored.
 *
 * <p>Streams can also be read for several aggregates at once ({@link AggregateStreams}): a group commit's writer
 * runs one command per aggregate, and read one stream per command, each a round trip inside the transaction (for a
 * new order an empty one, in {@code loadOrCreate}), while the batch waited.
 *
 * <p>An append reads back the global indexes the database gave its events ({@link #appendedInThisUnitOfWork()}):
 * a group commit answers each request with its aggregate's version and global position, which it otherwise asked
 * for in one more query per batch: 6.0 of PostgreSQL's 52.5 us of statements per PlaceOrder event at bench scenario
 * 5's peak (run 20261206-154800), after the event insert, the key claim and the streams' prefetch.
 *
 * <p>Processors read the next events after their position up to a count, not within a window of global indexes
 * ({@link #readEventData(Connection, TrackingToken, int)}), so a read at the end of the store costs one query.
 */
final class SnapshotFreeStorageEngine extends JdbcEventStorageEngine implements AggregateStreams {

    /** The unit-of-work resource holding the streams read ahead, by aggregate: each is served once. */
    private static final String PREFETCHED = SnapshotFreeStorageEngine.class.getName() + ".prefetched";
    /** The unit-of-work resource holding where each aggregate's last appended event landed. */
    private static final String APPENDED = SnapshotFreeStorageEngine.class.getName() + ".appended";

    private final TransactionManager transactions;
    private final Supplier<List<Cache>> aggregateCaches;
    private final LongAdder servedFromPrefetch = new LongAdder();
    /** The events after an index, up to a count. */
    private final String nextEvents;
    /** The same, and the events at the token's gaps. */
    private final String nextEventsAndGaps;
    private final String append;
    /** What the append asks the database to return of each row it inserts. */
    private final String[] generatedIndex;

    /**
     * @param transactions    what the engine's reads and appends run in (set on the builder here, as the appends
     *                        below need it too)
     * @param aggregateCaches the caches of the aggregate repositories: a cached aggregate's stream is not read
     */
    SnapshotFreeStorageEngine(Builder builder, TransactionManager transactions,
                              Supplier<List<Cache>> aggregateCaches) {
        // The appends below serialize to bytes, as the events' columns are bytea.
        super(builder.extendedGapCheckEnabled(false).transactionManager(transactions).dataType(byte[].class));
        this.transactions = transactions;
        this.aggregateCaches = aggregateCaches;
        var schema = schema();
        this.append = "insert into " + schema.domainEventTable() + " (" + schema.domainEventFields()
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.generatedIndex = new String[] {schema.globalIndexColumn()};
        this.nextEvents = "select " + schema.trackedEventFields() + " from " + schema.domainEventTable() + " where "
                + schema.globalIndexColumn() + " > ? order by " + schema.globalIndexColumn() + " limit ?";
        // Two index scans: an "or" of both conditions under one "order by ... limit" may be planned as a walk of the
        // whole index from its start.
        this.nextEventsAndGaps = "select * from ((" + nextEvents + ") union all (select "
                + schema.trackedEventFields() + " from " + schema.domainEventTable() + " where "
                + schema.globalIndexColumn() + " = any(?))) events order by " + schema.globalIndexColumn();
    }

    @Override
    public void prefetch(Collection<String> aggregateIds) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        var caches = aggregateCaches.get();
        var wanted = aggregateIds.stream().distinct()
                .filter(id -> caches.stream().noneMatch(cache -> cache.containsKey(id))).toList();
        if (wanted.isEmpty()) {
            return;
        }
        var streams = new HashMap<String, List<DomainEventData<?>>>();
        wanted.forEach(id -> streams.put(id, new ArrayList<>()));
        var rows = executeQuery(getConnection(), connection -> {
            var statement = connection.prepareStatement("select " + domainEventFields() + " from "
                    + schema().domainEventTable() + " where " + schema().aggregateIdentifierColumn()
                    + " = any(?) order by " + schema().aggregateIdentifierColumn() + ", "
                    + schema().sequenceNumberColumn());
            statement.setArray(1, connection.createArrayOf("text", wanted.toArray()));
            return statement;
        }, resultSet -> {
            var read = new ArrayList<DomainEventData<?>>();
            while (resultSet.next()) {
                read.add(getDomainEventData(resultSet));
            }
            return read;
        }, e -> new EventStoreException("Failed to read the events of aggregates " + wanted, e));
        rows.forEach(row -> streams.get(row.getAggregateIdentifier()).add(row));
        CurrentUnitOfWork.get().root().<Map<String, List<DomainEventData<?>>>>getOrComputeResource(PREFETCHED,
                key -> new HashMap<>()).putAll(streams);
    }

    /**
     * Appends as Axon's engine does, in one batch, and keeps the global indexes the database returns. Axon's own
     * statement cannot return them: it is prepared without asking for generated keys, and closed by Axon's batch
     * executor right after it ran. The columns are set in the order of {@code domainEventFields()}, as Axon sets
     * them, and a failure is translated by Axon's {@code handlePersistenceException}, as Axon's append does.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            var connection = getConnection();
            try (var statement = connection.prepareStatement(append, generatedIndex)) {
                for (var event : events) {
                    var message = asDomainEventMessage(event);
                    var payload = message.serializePayload(serializer, byte[].class);
                    var metaData = message.serializeMetaData(serializer, byte[].class);
                    statement.setString(1, message.getIdentifier());
                    statement.setString(2, message.getAggregateIdentifier());
                    statement.setLong(3, message.getSequenceNumber());
                    statement.setString(4, message.getType());
                    writeTimestamp(statement, 5, message.getTimestamp());
                    statement.setString(6, payload.getType().getName());
                    statement.setString(7, payload.getType().getRevision());
                    statement.setBytes(8, payload.getData());
                    statement.setBytes(9, metaData.getData());
                    statement.addBatch();
                }
                statement.executeBatch();
                remember(events, statement);
            } catch (SQLException e) {
                handlePersistenceException(e, events.getFirst());
                throw new EventStoreException("Failed to append " + events.size() + " events", e);
            } finally {
                closeQuietly(connection);
            }
        });
    }

    /**
     * Keeps each aggregate's last event's place in the root unit of work, whose commit answers the requests. An
     * event published outside an aggregate has no place to keep.
     */
    private static void remember(List<? extends EventMessage<?>> events, PreparedStatement statement)
            throws SQLException {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        var places = CurrentUnitOfWork.get().root().<Map<String, Appended>>getOrComputeResource(APPENDED,
                key -> new HashMap<>());
        try (var keys = statement.getGeneratedKeys()) {
            for (var i = 0; i < events.size(); i++) {
                if (!keys.next()) {
                    throw new EventStoreException("The database returned " + i + " global indexes for "
                            + events.size() + " events appended");
                }
                if (events.get(i) instanceof DomainEventMessage<?> domain) {
                    places.put(domain.getAggregateIdentifier(),
                            new Appended(domain.getSequenceNumber(), keys.getLong(1)));
                }
            }
        }
    }

    @Override
    public Map<String, Appended> appendedInThisUnitOfWork() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Map.of();
        }
        Map<String, Appended> places = CurrentUnitOfWork.get().root().getResource(APPENDED);
        return places == null ? Map.of() : Map.copyOf(places);
    }

    /** How many aggregate loads were served from a prefetch instead of a query of their own. */
    long streamsServedFromPrefetch() {
        return servedFromPrefetch.sum();
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                  long firstSequenceNumber, int batchSize) {
        var prefetched = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().<Map<String, List<DomainEventData<?>>>>getResource(PREFETCHED)
                : null;
        var stream = prefetched == null ? null : prefetched.remove(aggregateIdentifier);
        if (stream == null) {
            return super.fetchDomainEvents(aggregateIdentifier, firstSequenceNumber, batchSize);
        }
        servedFromPrefetch.increment();
        // Served whole, once. A stream of a batch or more makes Axon ask again for what follows: the database answers.
        return stream.stream().filter(event -> event.getSequenceNumber() >= firstSequenceNumber).toList();
    }

    /**
     * The next {@code batchSize} events after the token's index, and the events that filled its gaps. Axon reads
     * the window of the next {@code batchSize} global indexes instead, which a run of indexes that no event took
     * (appends rolled back) can leave empty while events follow: so after every empty read it asks for the next
     * index in a query of its own (its "extended gap check", switched off with this override). A processor at the
     * end of the store reads nothing most of the time: at 80 orders/s that second query ran 3.45 times per order.
     * Gaps are found as before: an index skipped between two events read becomes a gap of the token.
     */
    @Override
    protected PreparedStatement readEventData(Connection connection, @Nullable TrackingToken lastToken, int batchSize)
            throws SQLException {
        var token = (GapAwareTrackingToken) lastToken;
        var index = token == null ? -1 : token.getIndex();
        var gaps = token == null ? List.<Long>of() : List.copyOf(token.getGaps());
        PreparedStatement statement;
        if (gaps.isEmpty()) {
            statement = connection.prepareStatement(nextEvents);
        } else {
            statement = connection.prepareStatement(nextEventsAndGaps);
            statement.setArray(3, connection.createArrayOf("bigint", gaps.toArray()));
        }
        statement.setLong(1, index);
        statement.setInt(2, batchSize);
        return statement;
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
