package io.emporium.projections.stream;

import io.emporium.contracts.schema.EventSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EventEnvelope}'s JSON, field for field, put together from the bytes of a stored event row: the event's
 * stored JSON becomes {@code data} as it is, without being parsed or encoded again. Axon's {@code traceId} is the
 * id of the request that began the chain, its {@code correlationId} the id of the message that caused this one.
 */
final class StoredEnvelope {

    /** The columns of one event row as PostgreSQL stores them; texts as UTF-8. */
    record Row(long position, long sequence, byte[] aggregateId, byte[] eventId, byte[] time,
               byte @Nullable [] metaData, byte[] payload) {}

    private static final byte[] START = bytes("{\"specversion\":\"1.0\",\"id\":");
    private static final byte[] SUBJECT = bytes(",\"subject\":");
    private static final byte[] POSITION = bytes(",\"position\":");
    private static final byte[] SEQUENCE = bytes(",\"sequence\":");
    private static final byte[] CORRELATION = bytes(",\"correlationid\":");
    private static final byte[] CAUSATION = bytes(",\"causationid\":");
    private static final byte[] DATA = bytes(",\"data\":");
    private static final byte[] END = bytes("}");
    private static final byte[] NULL = bytes("null");
    private static final byte[] HEX = bytes("0123456789abcdef");

    private final byte[] afterId;
    private final byte[] afterSubject;
    private final JsonMapper json;

    private StoredEnvelope(byte[] afterId, byte[] afterSubject, JsonMapper json) {
        this.afterId = afterId;
        this.afterSubject = afterSubject;
        this.json = json;
    }

    /** The envelope of the events of one type: the parts that are the same for all of them are worked out once. */
    static StoredEnvelope of(ExportTopics context, Class<?> type, JsonMapper json) {
        return new StoredEnvelope(
                bytes(",\"source\":" + json.writeValueAsString(context.source()) + ",\"type\":"
                        + json.writeValueAsString(context.type(type)) + ",\"time\":"),
                bytes(",\"datacontenttype\":\"application/json\",\"dataschema\":"
                        + json.writeValueAsString(EventSchemas.uriOf(type))),
                json);
    }

    byte[] envelope(Row row) {
        var correlation = NULL;
        var causation = NULL;
        if (row.metaData() != null) {
            try (var parser = json.createParser(row.metaData())) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    String name;
                    while ((name = parser.nextName()) != null) {
                        parser.nextToken();
                        switch (name) {
                            case "traceId" -> correlation = text(parser);
                            case "correlationId" -> causation = text(parser);
                            default -> parser.skipChildren();
                        }
                    }
                }
            }
        }
        var parts = new byte[][] {START, quoted(row.eventId()), afterId, quoted(row.time()), SUBJECT,
            quoted(row.aggregateId()), afterSubject, POSITION, ascii(row.position()), SEQUENCE,
            ascii(row.sequence()), CORRELATION, correlation, CAUSATION, causation, DATA, row.payload(), END};
        var length = 0;
        for (var part : parts) {
            length += part.length;
        }
        var envelope = new byte[length];
        var at = 0;
        for (var part : parts) {
            System.arraycopy(part, 0, envelope, at, part.length);
            at += part.length;
        }
        return envelope;
    }

    /** A metadata value as a JSON string, as the envelope's schema has it; a structure as its JSON text. */
    private byte[] text(JsonParser parser) {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> NULL;
            case START_OBJECT, START_ARRAY -> quoted(bytes(json.readTree(parser).toString()));
            default -> quoted(bytes(parser.getString()));
        };
    }

    /** UTF-8 text as a JSON string: quotes, backslashes and control characters escaped, the rest as it is. */
    static byte[] quoted(byte[] utf8) {
        var escapes = 0;
        for (var b : utf8) {
            if (escaped(b)) {
                escapes++;
            }
        }
        var out = new byte[utf8.length + 2 + escapes * 5];
        out[0] = '"';
        var at = 1;
        for (var b : utf8) {
            if (!escaped(b)) {
                out[at++] = b;
            } else if (b == '"' || b == '\\') {
                out[at++] = '\\';
                out[at++] = b;
            } else {
                out[at++] = '\\';
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[b >> 4];
                out[at++] = HEX[b & 0xf];
            }
        }
        out[at++] = '"';
        return at == out.length ? out : Arrays.copyOf(out, at);
    }

    /** Bytes of multi-byte UTF-8 characters are negative here and pass as they are. */
    private static boolean escaped(byte b) {
        return b == '"' || b == '\\' || b >= 0 && b < 0x20;
    }

    private static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
