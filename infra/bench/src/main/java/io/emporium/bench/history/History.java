package io.emporium.bench.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;

/**
 * Grows the event store to a given size with synthetic OrderPlaced events, each a new order. They take consecutive
 * global indexes below every index in use (-1, -2, …): Axon's processors read only above -1 or above their token,
 * so the history stands for events every processor consumed long ago, and the engine keeps appending at the top
 * of the sequence as after any history. The store is vacuumed and analyzed afterwards, as autovacuum would have
 * done to a store that grew over months, and checkpointed, so that no write-back lands in a measurement.
 */
public final class History {

    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "type, timestamp, payload_type, payload_revision, payload, meta_data";
    /** Rows per COPY statement: each is its own transaction, so progress shows and no transaction gets huge. */
    private static final int ROWS_PER_COPY = 250_000;
    private static final int CHUNK_BYTES = 1 << 20;

    private History() {
    }

    /** What a growth did. */
    public record Growth(long before, long added, Duration took) {
        public long after() {
            return before + added;
        }

        public double rowsPerSecond() {
            return took.isZero() ? 0 : added / (took.toNanos() / 1e9);
        }
    }

    /** How many events the store holds. */
    public static long size(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var row = statement.executeQuery("select count(*) from domain_event_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Adds events until the store holds {@code target}; nothing if it already does. The engine may run meanwhile:
     * its appends take indexes from the sequence, above the ones written here.
     *
     * @param progress told the number of rows added so far, after every COPY
     */
    public static Growth growTo(Connection connection, long target, EventRowTemplate template,
                                LongConsumer progress) throws SQLException {
        var begin = System.nanoTime();
        var before = size(connection);
        var toAdd = Math.max(0, target - before);
        if (toAdd == 0) {
            return new Growth(before, 0, Duration.ZERO);
        }
        connection.setAutoCommit(true);
        var lowest = lowestIndex(connection);
        var random = new SplittableRandom(lowest);
        var newest = Instant.now().minusSeconds(3600);
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        var added = 0L;
        while (added < toAdd) {
            var rows = (int) Math.min(ROWS_PER_COPY, toAdd - added);
            var in = copy.copyIn("copy domain_event_entry (" + COLUMNS + ") from stdin (format binary)");
            try {
                var writer = new BinaryCopy().header();
                for (var i = 0; i < rows; i++) {
                    var n = added + i;
                    var row = template.next(random, n, newest.minusMillis(n));
                    writer.row(10).int8(lowest - 1 - n).text(row.eventIdentifier()).text(row.aggregateIdentifier())
                            .int8(row.sequenceNumber()).text(row.type()).text(row.timestamp())
                            .text(row.payloadType()).text(row.payloadRevision()).bytes(row.payload())
                            .bytes(row.metaData());
                    if (writer.size() >= CHUNK_BYTES) {
                        in.writeToCopy(writer.bytes(), 0, writer.size());
                        writer.clear();
                    }
                }
                writer.trailer();
                in.writeToCopy(writer.bytes(), 0, writer.size());
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
            added += rows;
            progress.accept(added);
        }
        try (var statement = connection.createStatement()) {
            statement.execute("vacuum (analyze) domain_event_entry");
            statement.execute("checkpoint");
        }
        return new Growth(before, toAdd, Duration.ofNanos(System.nanoTime() - begin));
    }

    /** The lowest global index in use, at most 0: the history starts at -1, since a new processor reads from 0. */
    private static long lowestIndex(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var row = statement.executeQuery(
                "select least(coalesce(min(global_index), 0), 0) from domain_event_entry")) {
            row.next();
            return row.getLong(1);
        }
    }
}
