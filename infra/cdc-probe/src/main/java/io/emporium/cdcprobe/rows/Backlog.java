package io.emporium.cdcprobe.rows;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the backlog: {@code events} OrderPlaced rows, each a new order, inserted as the engine would have appended
 * them (a new aggregate, sequence 0, positions from the table's own sequence, so above 0 where every processor
 * reads), in transactions of {@code rowsPerTransaction}. Both designs are measured on this very backlog.
 *
 * <p>The rows are real events the engine can read back (payload type, JSON shape and metadata keys as Axon's
 * Jackson serializer writes them for {@code POST /orders}), with four order lines and a card, so that a payload is
 * about 600 bytes and its metadata about 100, as in issue 5's sizing.
 */
public final class Backlog {

    private static final Logger LOG = LoggerFactory.getLogger(Backlog.class);
    private static final String PAYLOAD_TYPE = "io.emporium.contracts.order.OrderEvent$OrderPlaced";
    private static final String[] SKUS = {"SKU-MUG", "SKU-TEAPOT", "SKU-KETTLE", "SKU-SAUCER", "SKU-SPOON-SET",
            "SKU-CAFETIERE", "SKU-TEA-TOWEL", "SKU-COASTERS"};
    private static final int LINES = 4;

    private Backlog() {
    }

    /** What writing the backlog did. */
    public record Written(long events, long firstPosition, long lastPosition, Duration took, int payloadBytes,
                          int metaDataBytes) {}

    public static Written write(Connection connection, long events, int rowsPerTransaction) throws SQLException {
        var begin = System.nanoTime();
        connection.setAutoCommit(false);
        // Seeded: every run inserts the same rows, so the runs of both designs see byte-identical backlogs.
        var random = new SplittableRandom(20261202L);
        var placedAt = Instant.parse("2026-11-30T09:00:00Z");
        int payloadBytes = 0;
        int metaDataBytes = 0;
        try (var insert = connection.prepareStatement("""
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                timestamp, payload_type, payload_revision, payload, meta_data)
                values (?, ?, 0, 'Order', ?, ?, null, ?, ?)""")) {
            for (var n = 0L; n < events; n++) {
                var orderId = uuid(random);
                var at = placedAt.plusMillis(n);
                var payload = payload(random, orderId, n, at);
                var metaData = ("{\"traceId\":\"" + uuid(random) + "\",\"correlationId\":\"" + uuid(random) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                payloadBytes = payload.length;
                metaDataBytes = metaData.length;
                insert.setString(1, uuid(random));
                insert.setString(2, orderId);
                insert.setString(3, at.toString());
                insert.setString(4, PAYLOAD_TYPE);
                insert.setBytes(5, payload);
                insert.setBytes(6, metaData);
                insert.addBatch();
                if ((n + 1) % rowsPerTransaction == 0 || n + 1 == events) {
                    insert.executeBatch();
                    connection.commit();
                }
                if ((n + 1) % 100_000 == 0) {
                    LOG.info("{} rows inserted", n + 1);
                }
            }
        }
        long first;
        long last;
        try (var statement = connection.createStatement();
             var row = statement.executeQuery("select min(global_index), max(global_index) from domain_event_entry")) {
            row.next();
            first = row.getLong(1);
            last = row.getLong(2);
        }
        connection.commit();
        connection.setAutoCommit(true);
        return new Written(events, first, last, Duration.ofNanos(System.nanoTime() - begin), payloadBytes,
                metaDataBytes);
    }

    /**
     * Vacuums and checkpoints after the insert, as the bench does, so that neither measurement pays for write-back
     * or hint-bit setting the other one did not.
     */
    public static void settle(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("vacuum (analyze) domain_event_entry");
            statement.execute("checkpoint");
        }
    }

    /** An OrderPlaced payload as Axon's Jackson serializer writes it (record component order). */
    private static byte[] payload(SplittableRandom random, String orderId, long n, Instant at) {
        var json = new StringBuilder(700).append("{\"orderId\":\"").append(orderId)
                .append("\",\"customerId\":\"").append(String.format(Locale.ROOT, "customer-%07d", n % 10_000))
                .append("\",\"lines\":[");
        var total = 0L;
        for (var i = 0; i < LINES; i++) {
            var quantity = 1 + random.nextInt(4);
            var price = 250 + random.nextInt(9_750);
            total += (long) quantity * price;
            json.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(SKUS[random.nextInt(SKUS.length)])
                    .append("\",\"quantity\":").append(quantity).append(",\"unitPrice\":{\"minorUnits\":")
                    .append(price).append(",\"currency\":\"EUR\"}}");
        }
        json.append("],\"total\":{\"minorUnits\":").append(total).append(",\"currency\":\"EUR\"},\"card\":{")
                .append("\"token\":\"tok_").append(uuid(random).replace("-", "")).append("\",\"brand\":\"VISA\",")
                .append("\"last4\":\"").append(String.format(Locale.ROOT, "%04d", random.nextInt(10_000)))
                .append("\"},\"placedAt\":\"").append(at).append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String uuid(SplittableRandom random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
