package io.emporium.bench.history;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * An OrderPlaced event row to clone: every copy keeps the template's exact bytes (payload JSON as Axon's Jackson
 * serializer wrote it, metadata, payload type and revision) and gets a new order id, a customer among
 * {@link #CUSTOMERS}, new ids in its metadata, and the moment it is stored as the moment it was placed, as in
 * the engine, where a placement is stored as it is decided. Values are replaced in place by values of the same
 * length, so each copy is as valid as the template and costs a byte copy to make.
 */
public final class EventRowTemplate {

    /** Customers the synthetic orders are spread over; ids have a fixed width, see {@link #customerId(long)}. */
    public static final int CUSTOMERS = 10_000;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern CUSTOMER = Pattern.compile("\"customerId\":\"(" + UUID.pattern() + ")\"");
    /**
     * Ids as the engine gives registered customers (a name-based UUID of the registration's key): the suite's
     * requests and synthetic rows use these, so that the order views' customer index sorts keys like a real
     * store's and not ones that all begin with the same eight bytes, which PostgreSQL's abbreviated sort keys
     * cannot tell apart.
     */
    private static final String[] CUSTOMER_IDS = IntStream.range(0, CUSTOMERS)
            .mapToObj(n -> java.util.UUID.nameUUIDFromBytes(("customer:bench-" + n).getBytes(StandardCharsets.UTF_8))
                    .toString())
            .toArray(String[]::new);
    /** A moment as Jackson writes an Instant: a four-digit year, UTC, the fraction's digits in groups of three. */
    private static final Pattern PLACED_AT = Pattern.compile(
            "\"placedAt\":\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.(\\d{3}|\\d{6}|\\d{9}))?Z)\"");

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String type;
    private final String payloadType;
    private final @Nullable String payloadRevision;
    private final byte[] payload;
    private final byte @Nullable [] metaData;
    private final int[] orderIdOffsets;
    private final int[] customerOffsets;
    private final int[] placedAtOffsets;
    /** Digits of the template's fraction of a second, which every copy's moment keeps, so its length stays. */
    private final int placedAtFraction;
    private final int[] metaDataUuidOffsets;

    EventRowTemplate(String type, String payloadType, @Nullable String payloadRevision, byte[] payload,
                     byte @Nullable [] metaData, String orderId) {
        this.type = type;
        this.payloadType = payloadType;
        this.payloadRevision = payloadRevision;
        this.payload = payload.clone();
        this.metaData = metaData == null ? null : metaData.clone();
        var text = new String(payload, StandardCharsets.ISO_8859_1);
        orderIdOffsets = offsets(text, Pattern.compile(Pattern.quote(orderId)), 0);
        customerOffsets = offsets(text, CUSTOMER, 1);
        placedAtOffsets = offsets(text, PLACED_AT, 1);
        var placedAt = PLACED_AT.matcher(text);
        placedAtFraction = placedAt.find() && placedAt.group(2) != null ? placedAt.group(2).length() : 0;
        metaDataUuidOffsets = metaData == null ? new int[0]
                : offsets(new String(metaData, StandardCharsets.ISO_8859_1), UUID, 0);
    }

    /** The fixed-width id of the customer number {@code n}, as the suite's requests and synthetic rows use it. */
    public static String customerId(long n) {
        return CUSTOMER_IDS[(int) Math.floorMod(n, CUSTOMERS)];
    }

    /**
     * The latest OrderPlaced row in the store, as the engine wrote it.
     *
     * @throws IllegalStateException if the store holds none
     */
    public static EventRowTemplate fromStore(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("""
                select aggregate_identifier, type, payload_type, payload_revision, payload, meta_data
                  from domain_event_entry where payload_type like '%OrderPlaced'
                 order by global_index desc limit 1
                """); var row = statement.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("no OrderPlaced event in the store to copy");
            }
            return new EventRowTemplate(row.getString("type"), row.getString("payload_type"),
                    row.getString("payload_revision"), row.getBytes("payload"), row.getBytes("meta_data"),
                    row.getString("aggregate_identifier"));
        }
    }

    /**
     * An OrderPlaced row shaped as Axon 4.13's Jackson serializer writes one for {@code POST /orders} with one line
     * (checked against a real row by the tests); for baselines that run before the engine ever wrote an event.
     */
    public static EventRowTemplate orderPlacedShape() {
        var orderId = "6c907a37-0d60-368b-88b0-e20b26f44d72";
        var payload = """
                {"orderId":"%s","customerId":"%s","lines":[{"sku":"SKU-MUG","quantity":2,\
                "unitPrice":{"minorUnits":1250,"currency":"EUR"}}],"total":{"minorUnits":2500,"currency":"EUR"},\
                "placedAt":"2026-11-24T01:25:17.264202273Z"}""".formatted(orderId, customerId(1));
        var metaData = """
                {"traceId":"44e59a7c-af49-41c3-b834-c24a10626d3b",\
                "correlationId":"330b5b17-c849-4baa-af5d-24bc29e2ac82"}""";
        return new EventRowTemplate("Order", "io.emporium.contracts.order.OrderEvent$OrderPlaced", null,
                payload.getBytes(StandardCharsets.UTF_8), metaData.getBytes(StandardCharsets.UTF_8), orderId);
    }

    /**
     * A new OrderPlaced event: its own event id and order id, customer {@code n}, placed and stored at {@code at}
     * (to the template's precision in the payload).
     */
    public EventRow next(SplittableRandom random, long n, Instant at) {
        var orderId = Uuids.random(random);
        var newPayload = payload.clone();
        overwrite(newPayload, orderIdOffsets, orderId);
        overwrite(newPayload, customerOffsets, customerId(n));
        if (placedAtOffsets.length > 0) {
            overwrite(newPayload, placedAtOffsets, moment(at, placedAtFraction));
        }
        byte[] newMetaData = null;
        if (metaData != null) {
            newMetaData = metaData.clone();
            for (var offset : metaDataUuidOffsets) {
                overwrite(newMetaData, new int[] {offset}, Uuids.random(random));
            }
        }
        return new EventRow(Uuids.timeOrdered(random, at), orderId, 0, type, at.toString(), payloadType,
                payloadRevision, newPayload, newMetaData);
    }

    /** The template's payload as stored: JSON text. */
    public String payloadJson() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public String payloadType() {
        return payloadType;
    }

    /** {@code at} as ISO-8601 in UTC with exactly {@code fraction} digits of the second, cut, not rounded. */
    static String moment(Instant at, int fraction) {
        var seconds = SECONDS.format(at);
        if (fraction == 0) {
            return seconds + "Z";
        }
        var nanos = Integer.toString(1_000_000_000 + at.getNano()); // a leading 1, then nine digits
        return seconds + "." + nanos.substring(1, 1 + fraction) + "Z";
    }

    private static void overwrite(byte[] target, int[] offsets, String value) {
        var bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        for (var offset : offsets) {
            System.arraycopy(bytes, 0, target, offset, bytes.length);
        }
    }

    private static int[] offsets(String text, Pattern pattern, int group) {
        var found = new ArrayList<Integer>();
        var matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.start(group));
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return payloadType + " " + payloadJson();
    }
}
