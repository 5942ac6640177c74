package io.emporium.projections.rebuild;

import io.emporium.projections.BinaryCopyRows;
import io.emporium.projections.Futures;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * The event table as a rebuild reads it: one snapshot fixes the position P to build up to, the events below P that
 * have not committed yet (gaps, which the new version's processor will receive), and the number of events of each
 * type. Parts of the history are then read in parallel, each on its own connection inside the same exported
 * snapshot, so every part sees exactly the rows the counts were taken from.
 */
public final class EventHistory implements AutoCloseable {

    /** How far back below P missing positions are treated as gaps, as Axon's JDBC event store does by default. */
    static final int MAX_GAP_OFFSET = 10_000;
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]*");

    private final DataSource dataSource;
    private final Connection snapshotHolder;
    private final String snapshot;
    private final long position;
    /** The position before the table's first event: 0, or lower where events were stored below the sequence. */
    private final long start;
    private final List<Long> gaps;
    private final Map<String, Long> countsByType;

    private EventHistory(DataSource dataSource, Connection snapshotHolder, String snapshot, long position, long start,
                         List<Long> gaps, Map<String, Long> countsByType) {
        this.dataSource = dataSource;
        this.snapshotHolder = snapshotHolder;
        this.snapshot = snapshot;
        this.position = position;
        this.start = start;
        this.gaps = gaps;
        this.countsByType = countsByType;
    }

    /** Takes the snapshot; it stays open until {@link #close()}. */
    public static EventHistory snapshot(DataSource dataSource, Set<Class<?>> types) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String snapshot;
            long position;
            long start;
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("""
                         select pg_export_snapshot(), coalesce(max(global_index), 0),
                                least(coalesce(min(global_index), 1), 1) - 1
                           from domain_event_entry""")) {
                rows.next();
                snapshot = rows.getString(1);
                position = rows.getLong(2);
                start = rows.getLong(3);
            }
            var gaps = new ArrayList<Long>();
            try (var statement = connection.prepareStatement("""
                    select s.i from generate_series(greatest(?::bigint, 1), ?::bigint) s(i)
                     where not exists (select 1 from domain_event_entry where global_index = s.i) order by s.i
                    """)) {
                statement.setLong(1, position - MAX_GAP_OFFSET + 1);
                statement.setLong(2, position);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        gaps.add(rows.getLong(1));
                    }
                }
            }
            var counts = new HashMap<String, Long>();
            types.forEach(type -> counts.put(type.getName(), 0L));
            try (var statement = connection.prepareStatement("""
                    select payload_type, count(*) from domain_event_entry
                     where global_index <= ? and payload_type = any(?) group by payload_type
                    """)) {
                statement.setLong(1, position);
                statement.setArray(2, connection.createArrayOf("varchar", names(types)));
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            return new EventHistory(dataSource, connection, snapshot, position, start, List.copyOf(gaps),
                    Map.copyOf(counts));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take a snapshot of the event table", e);
        }
    }

    public long position() {
        return position;
    }

    public Map<String, Long> countsByType() {
        return countsByType;
    }

    public long total() {
        return countsByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Where the new version's processor starts: after P, still waiting for the events below P not yet committed. */
    TrackingToken token() {
        return GapAwareTrackingToken.newInstance(position, gaps);
    }

    /**
     * Writes every event of the read model's types up to P into {@code version}: in {@code parallelism} parts of the
     * history at once where the read model allows, each part read on its own connection into a writer of its own.
     *
     * @param progress told of events written, in steps
     */
    public void build(RebuildableReadModel model, int version, int parallelism, LongConsumer progress) {
        var parts = parts(model.buildsInAnyOrder() ? parallelism : 1);
        try (var build = model.build(version);
             var pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("rebuild-part-", 1).factory())) {
            var futures = new ArrayList<Future<?>>();
            for (var part : parts) {
                futures.add(pool.submit(() -> {
                    try (var writer = build.writer()) {
                        read(part[0], part[1], model.eventTypes(), model.payloadTypes(), writer::write, progress);
                    }
                }));
            }
            for (var future : futures) {
                try {
                    Futures.await(future, "building");
                } catch (RuntimeException e) {
                    futures.forEach(other -> other.cancel(true));
                    throw e;
                }
            }
            build.finish();
        }
    }

    /**
     * The whole table up to P split into {@code parts} ranges of equal width, as (after, upTo]: from its first event,
     * which may lie below 1 (the benchmark stores its generated history at negative positions, which processors
     * never read but a rebuild must).
     */
    List<long[]> parts(int parts) {
        return parts(start, position, parts);
    }

    static List<long[]> parts(long start, long position, int parts) {
        var ranges = new ArrayList<long[]>();
        var width = Math.max(1, Math.ceilDiv(position - start, parts));
        for (long after = start; after < position; after += width) {
            ranges.add(new long[] {after, Math.min(position, after + width)});
        }
        return ranges;
    }

    /**
     * Reads the events of the given types in (after, upTo], in position order, inside the snapshot.
     *
     * @param payloadTypes types whose payload is read; the others arrive without one
     * @param read         receives each event
     * @param progress     told of every event read
     */
    void read(long after, long upTo, Set<Class<?>> types, Set<Class<?>> payloadTypes,
              Consumer<HistoricEvent> read, LongConsumer progress) {
        var byName = new HashMap<String, Class<?>>();
        types.forEach(type -> byName.put(type.getName(), type));
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                try (var statement = connection.createStatement()) {
                    statement.execute("set transaction snapshot '" + snapshot.replace("'", "") + "'");
                    // In position order by the primary key, never by sorting the range: without fresh statistics
                    // the planner sorted each part's half of the table through temporary files (perf record -a -g
                    // over a 3M-event OrderViewRebuildIT: each reader's share of the machine's samples fell from
                    // 11.5 % to 7.7 % with the index).
                    statement.execute("set local enable_sort = off");
                }
                // Binary COPY: the server sends the stored bytes as they are, no text encoding of each value.
                try (var copy = new PGCopyInputStream(connection.unwrap(PGConnection.class), """
                        copy (select global_index, aggregate_identifier, timestamp, payload_type,
                                     case when %s then payload end
                                from domain_event_entry
                               where global_index > %d and global_index <= %d and %s
                               order by global_index)
                          to stdout (format binary)""".formatted(oneOf(payloadTypes), after, upTo, oneOf(types)))) {
                    var rows = new BinaryCopyRows(copy, 5);
                    var count = 0L;
                    while (rows.next()) {
                        var position = rows.int8();
                        var aggregateId = rows.text();
                        var timestamp = rows.text();
                        var typeName = rows.text();
                        var type = Objects.requireNonNull(byName.get(typeName));
                        read.accept(new HistoricEvent(position, aggregateId, timestamp, type, rows.nullableField()));
                        if (++count % 1_000 == 0) {
                            progress.accept(1_000);
                        }
                    }
                    progress.accept(count % 1_000);
                } catch (IOException e) {
                    throw new SQLException("the event table could not be read", e);
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event table in (" + after + ", " + upTo + "]", e);
        }
    }

    /**
     * A condition that the row's payload type is one of {@code types}, the names written out: COPY takes no
     * parameters. Class names never hold a quote; one that did would be refused, not written.
     */
    static String oneOf(Set<Class<?>> types) {
        var names = new StringJoiner("', '", "payload_type in ('", "')");
        for (var type : types) {
            if (!CLASS_NAME.matcher(type.getName()).matches()) {
                throw new IllegalArgumentException("not a class name: " + type.getName());
            }
            names.add(type.getName());
        }
        return types.isEmpty() ? "false" : names.toString();
    }

    private static String[] names(Set<Class<?>> types) {
        return types.stream().map(Class::getName).toArray(String[]::new);
    }

    /** Ends the snapshot; call once every part has started reading, or when the rebuild ends. */
    @Override
    public void close() {
        closeQuietly(snapshotHolder);
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException ignored) {
            // the snapshot ends with the connection either way
        }
    }
}
