package io.emporium.bench.history;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a catalog's history into the event store as if it had been built over months: for every product the rows
 * {@link ProductRowTemplates} copies, by binary COPY, at positive global indexes taken from the table's own sequence
 * after every event already stored. Unlike {@link History}'s orders, these events are meant to be seen: every event
 * processor reads them as new events, so the product-search projection indexes them like any others.
 *
 * <p>The command side prices cart lines from table catalog_price, which a subscribing processor keeps in the very
 * transaction that stores each catalog event; COPY bypasses that processor, so each batch writes the prices it would
 * have written, in the same transaction as the events.
 */
public final class CatalogHistory {

    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "type, timestamp, payload_type, payload_revision, payload, meta_data";
    /** Products per transaction: progress shows, processors start on the first batch while the next is written. */
    private static final int PRODUCTS_PER_COPY = 5_000;
    private static final int CHUNK_BYTES = 1 << 20;

    private CatalogHistory() {
    }

    /**
     * What was written.
     *
     * @param lastIndex the highest global index written: a processor past it has seen the whole catalog
     */
    public record Written(int products, int stocked, long events, long firstIndex, long lastIndex, Duration took) {

        public double eventsPerSecond() {
            return took.isZero() ? 0 : events / (took.toNanos() / 1e9);
        }
    }

    /**
     * Writes products {@code 0} to {@code count - 1} of the assortment. The engine may run and append meanwhile: each
     * batch holds its appends back for the moment it takes, so a batch's indexes are consecutive and above every
     * event committed before it.
     *
     * @param progress told the number of events' worth of products written so far (three per product), after
     *                 every batch
     */
    public static Written write(Connection connection, ProductRowTemplates templates, Assortment assortment,
                                int count, LongConsumer progress) throws SQLException {
        var begin = System.nanoTime();
        connection.setAutoCommit(false);
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        var random = new SplittableRandom(count);
        // An hour ago and earlier, a millisecond apart: a history, not a burst of events stamped now.
        var oldest = Instant.now().minusSeconds(3600).minusMillis(3L * count);
        var events = 0L;
        var stocked = 0;
        var first = Long.MAX_VALUE;
        var last = Long.MIN_VALUE;
        try {
            for (var phase : Phase.values()) {
                for (var from = 0; from < count; from += PRODUCTS_PER_COPY) {
                    var to = Math.min(count, from + PRODUCTS_PER_COPY);
                    var rows = new ArrayList<EventRow>(to - from);
                    var prices = new StringBuilder();
                    for (var n = from; n < to; n++) {
                        var product = assortment.product(n);
                        var at = oldest.plusMillis(phase.ordinal() * (long) count + n);
                        switch (phase) {
                            case DEFINE -> rows.add(templates.defined(product, random, at));
                            case ACTIVATE -> {
                                rows.add(templates.activated(product, random, at));
                                prices.append(product.sku()).append('\t').append(product.priceMinor()).append('\t')
                                        .append(Assortment.CURRENCY).append("\tt\n");
                            }
                            case STOCK -> {
                                if (product.stocked()) {
                                    rows.add(templates.received(product, random, at));
                                    stocked++;
                                }
                            }
                        }
                    }
                    lockOutAppends(connection);
                    var indexes = reserve(connection, rows.size());
                    first = Math.min(first, indexes.getFirst());
                    last = Math.max(last, indexes.getLast());
                    copyEvents(copy.copyIn("copy domain_event_entry (" + COLUMNS + ") from stdin (format binary)"),
                            rows, indexes);
                    if (!prices.isEmpty()) {
                        copy.copyIn("copy catalog_price (sku, price_minor, currency, on_sale) from stdin",
                                new StringReader(prices.toString()));
                    }
                    connection.commit();
                    events += rows.size();
                    progress.accept(phase.ordinal() * (long) count + to);
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } catch (IOException e) {
            connection.rollback();
            throw new SQLException("could not stream the catalog's prices", e);
        } finally {
            connection.setAutoCommit(true);
        }
        return new Written(count, stocked, events, first, last, Duration.ofNanos(System.nanoTime() - begin));
    }

    /**
     * The catalog's history in three parts, as a shop builds one: every product defined, later put on sale (with
     * the prices the command side then keeps), later stocked. A product's events are thus far apart in the store,
     * never in one batch of a processor: the product-search projection, as of this writing, gives every event of a
     * batch the batch's last position, and so drops a product's activation that arrives in its definition's batch.
     */
    private enum Phase {
        DEFINE, ACTIVATE, STOCK
    }

    /**
     * Waits for the engine's appends in flight to commit and holds new ones back until this transaction commits
     * (reads go on). Otherwise an event the engine commits above indexes reserved here, while they are not yet
     * committed, makes every processor note them as a gap; the synthetic events are older than Axon's gap timeout,
     * so the processors give up on that gap at once and never read them.
     */
    private static void lockOutAppends(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("lock table domain_event_entry in exclusive mode");
        }
    }

    /** Takes {@code count} global indexes from the table's sequence, in order, as appends would. */
    private static List<Long> reserve(Connection connection, int count) throws SQLException {
        var indexes = new ArrayList<Long>(count);
        try (var statement = connection.prepareStatement("""
                select nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))
                  from generate_series(1, ?) order by 1
                """)) {
            statement.setInt(1, count);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    indexes.add(rows.getLong(1));
                }
            }
        }
        return indexes;
    }

    private static void copyEvents(CopyIn in, List<EventRow> rows, List<Long> indexes)
            throws SQLException {
        try {
            var writer = new BinaryCopy().header();
            for (var i = 0; i < rows.size(); i++) {
                var row = rows.get(i);
                writer.row(10).int8(indexes.get(i)).text(row.eventIdentifier()).text(row.aggregateIdentifier())
                        .int8(row.sequenceNumber()).text(row.type()).text(row.timestamp()).text(row.payloadType())
                        .text(row.payloadRevision()).bytes(row.payload()).bytes(row.metaData());
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
    }
}
