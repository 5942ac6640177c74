package io.emporium.audit.chain;

import io.emporium.audit.chain.ChainRecord.Head;
import io.emporium.audit.chain.ChainRecord.Link;
import io.emporium.audit.chain.ChainRecord.Range;
import io.emporium.audit.chain.ChainRecord.Unlinked;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The export file: one JSON object per line (NDJSON), one per {@link ChainRecord}, told apart by {@code "record"}.
 * Byte columns are base64, hashes hex; the row's columns keep their table names so an auditor can compare a line
 * with the table by eye.
 */
public final class ExportFormat {

    public static final String MEDIA_TYPE = "application/x-ndjson";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder FROM_BASE64 = Base64.getDecoder();

    private ExportFormat() {}

    /** One line, without its line break. */
    public static String line(ChainRecord record) {
        var node = JSON.createObjectNode();
        switch (record) {
            case Range range -> node.put("record", "range").put("from", range.from()).put("to", range.to())
                    .put("previous_hash", range.previousHash()).put("settled_through", range.settledThrough());
            case Head head -> node.put("record", "head").put("link", head.link()).put("position", head.position())
                    .put("hash", head.hash()).put("recorded_at", head.recordedAt());
            case Link link -> {
                node.put("record", "link").put("link", link.link()).put("position", link.position())
                        .put("hash", link.hash()).put("linked_at", link.linkedAt());
                if (link.row() == null) {
                    node.putNull("row");
                } else {
                    node.set("row", row(link.row()));
                }
            }
            case Unlinked unlinked -> node.put("record", "unlinked").set("row", row(unlinked.row()));
        }
        return JSON.writeValueAsString(node);
    }

    public static ChainRecord read(String line) {
        var node = JSON.readTree(line);
        return switch (node.path("record").asString()) {
            case "range" -> new Range(node.get("from").asLong(), node.get("to").asLong(),
                    node.get("previous_hash").asString(), node.get("settled_through").asLong());
            case "head" -> new Head(node.get("link").asLong(), node.get("position").asLong(),
                    node.get("hash").asString(), node.get("recorded_at").asString());
            case "link" -> new Link(node.get("link").asLong(), node.get("position").asLong(),
                    node.get("hash").asString(), node.get("linked_at").asString(), rowOrNull(node.get("row")));
            case "unlinked" -> new Unlinked(row(node.get("row")));
            default -> throw new IllegalArgumentException("not a line of an audit export: " + line);
        };
    }

    private static ObjectNode row(EventRow row) {
        return JSON.createObjectNode()
                .put("global_index", row.position())
                .put("event_identifier", row.eventIdentifier())
                .put("aggregate_identifier", row.aggregateIdentifier())
                .put("sequence_number", row.sequenceNumber())
                .put("type", row.type())
                .put("timestamp", row.timestamp())
                .put("payload_type", row.payloadType())
                .put("payload_revision", row.payloadRevision())
                .put("payload", BASE64.encodeToString(row.payload()))
                .put("meta_data", row.metaData() == null ? null : BASE64.encodeToString(row.metaData()));
    }

    private static @Nullable EventRow rowOrNull(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : row(node);
    }

    private static EventRow row(JsonNode node) {
        return new EventRow(node.get("global_index").asLong(), node.get("event_identifier").asString(),
                node.get("aggregate_identifier").asString(), node.get("sequence_number").asLong(),
                text(node, "type"), node.get("timestamp").asString(), node.get("payload_type").asString(),
                text(node, "payload_revision"), FROM_BASE64.decode(node.get("payload").asString()),
                node.path("meta_data").isNull() || node.path("meta_data").isMissingNode() ? null
                        : FROM_BASE64.decode(node.get("meta_data").asString()));
    }

    private static @Nullable String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
