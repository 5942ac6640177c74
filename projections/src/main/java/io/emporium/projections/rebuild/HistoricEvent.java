package io.emporium.projections.rebuild;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.emporium.eventstore.EventStoreConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One stored event as a rebuild reads it from the event table, decoded only on demand.
 *
 * @param position    its global index
 * @param aggregateId the aggregate it belongs to
 * @param timestamp   when it happened, as stored (ISO-8601)
 * @param type        the class its payload was stored as
 * @param payload     the stored JSON, or null where the read model needs no payload of this type
 */
public record HistoricEvent(long position, String aggregateId, String timestamp, Class<?> type,
                            byte @Nullable [] payload) {

    /** The event store serializer's mapper, and one reader per type made from it. */
    private static final ObjectMapper MAPPER = EventStoreConfiguration.eventObjectMapper();
    private static final Map<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();

    /** The payload as the event store's serializer would give it. */
    public <T> T payload(Class<T> expected) {
        var reader = READERS.computeIfAbsent(type, MAPPER::readerFor);
        try {
            return expected.cast(reader.readValue(read()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event " + position, e);
        }
    }

    /** The payload as JSON tokens, for a reader that needs a few of a large event's fields and no binding. */
    public JsonParser payloadTokens() {
        try {
            return MAPPER.createParser(read());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event " + position, e);
        }
    }

    private byte[] read() {
        if (payload == null) {
            throw new IllegalStateException("the payload of " + type.getName() + " was not read");
        }
        return payload;
    }
}
