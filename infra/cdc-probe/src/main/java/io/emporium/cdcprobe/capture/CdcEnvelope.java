package io.emporium.cdcprobe.capture;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.connect.data.Struct;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's CloudEvents envelope (projections' EventEnvelope: same attributes, same order), built from a
 * captured row instead of a deserialized event. The payload column already holds the event's JSON, so it goes in
 * as it is; the metadata is parsed for the trace and correlation ids, as the engine reads them from its metadata.
 */
record CdcEnvelope(String specversion, String id, String source, String type, String time, String subject,
                   String datacontenttype, String dataschema, long position, long sequence,
                   @Nullable String correlationid, @Nullable String causationid, @JsonRawValue String data) {

    private static final String CONTRACTS = "io.emporium.contracts.";
    private static final String SCHEMAS = "classpath:/io/emporium/contracts/schemas/";

    /** The envelope of the row a change event carries ({@code after} of an insert). */
    static CdcEnvelope of(Struct row, JsonMapper json) {
        var payloadType = row.getString("payload_type");
        // io.emporium.contracts.order.OrderEvent$OrderPlaced: context "order", event "OrderPlaced"
        var context = payloadType.substring(CONTRACTS.length(), payloadType.indexOf('.', CONTRACTS.length()));
        var event = payloadType.substring(payloadType.lastIndexOf('$') + 1);
        var metaData = bytes(row.get("meta_data"));
        JsonNode meta = metaData == null ? null : json.readTree(metaData);
        return new CdcEnvelope("1.0", row.getString("event_identifier"), "/emporium/" + context + "s",
                "io.emporium." + context + "s." + event, row.getString("timestamp"),
                row.getString("aggregate_identifier"), "application/json",
                SCHEMAS + context + "/" + event + ".json", row.getInt64("global_index"),
                row.getInt64("sequence_number"), text(meta, "traceId"), text(meta, "correlationId"),
                new String(Objects.requireNonNull(bytes(row.get("payload")), "payload"), StandardCharsets.UTF_8));
    }

    /** Debezium hands bytea over as a byte array or a buffer, depending on the converter path. */
    private static byte @Nullable [] bytes(@Nullable Object value) {
        if (value instanceof ByteBuffer buffer) {
            var copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return copy;
        }
        return (byte[]) value;
    }

    private static @Nullable String text(@Nullable JsonNode node, String field) {
        var value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
