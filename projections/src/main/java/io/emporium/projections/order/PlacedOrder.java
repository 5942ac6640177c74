package io.emporium.projections.order;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderLine;
import io.emporium.projections.rebuild.HistoricEvent;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an order row takes from an OrderPlaced event, as a rebuild writes it: the moment as ISO-8601 text (its COPY
 * row rounds it as the projection stores it), the lines as JSON.
 *
 * <p>A rebuild reads these fields straight from the stored payload's tokens. Binding the whole event instead, and
 * writing its lines back to JSON, took more than half of a build part's time in an async-profiler profile of
 * {@code OrderViewRebuildIT -Drebuild.orders=400000} (the moment's parse alone a fifth). The stored lines are the
 * JSON the projection writes from the bound lines only when every line holds exactly {@link OrderLine}'s components
 * in their order, each a plain string, number or such record, and their text holds no escape: a payload of any
 * other shape (written before or after a change to those records) is bound as the projection binds it.
 */
record PlacedOrder(String orderId, String customerId, String lines, long totalMinor, String currency,
                   String placedAt) {

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    static PlacedOrder of(HistoricEvent event, JsonMapper json) {
        var read = fromTokens(event);
        return read != null ? read : bound(event.payload(OrderPlaced.class), json);
    }

    static PlacedOrder bound(OrderPlaced order, JsonMapper json) {
        return new PlacedOrder(order.orderId(), order.customerId(), OrderViewProjection.linesJson(json, order),
                order.total().minorUnits(), order.total().currency(),
                order.placedAt().toString());
    }

    /** The fields, or null where the payload is not of the shape this reader knows. */
    static @Nullable PlacedOrder fromTokens(HistoricEvent event) {
        var payload = event.payload();
        if (payload == null) {
            return null;
        }
        try (var parser = event.payloadTokens()) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String orderId = null;
            String customerId = null;
            String lines = null;
            String placedAt = null;
            Total total = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var name = parser.currentName();
                var token = parser.nextToken();
                switch (name) {
                    case "orderId" -> orderId = text(parser, token);
                    case "customerId" -> customerId = text(parser, token);
                    case "placedAt" -> placedAt = text(parser, token);
                    case "lines" -> lines = lines(parser, token, payload);
                    case "total" -> total = total(parser, token);
                    default -> parser.skipChildren();
                }
                if (name.equals("lines") && lines == null || name.equals("total") && total == null) {
                    return null; // the parser may be inside the value it gave up on
                }
            }
            if (orderId == null || customerId == null || lines == null || placedAt == null || total == null) {
                return null;
            }
            return new PlacedOrder(orderId, customerId, lines, total.minorUnits(), total.currency(),
                    placedAt);
        } catch (IOException | RuntimeException e) {
            return null; // binding the payload reports what is wrong with it
        }
    }

    private record Total(long minorUnits, String currency) {}

    private static @Nullable Total total(JsonParser parser, @Nullable JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            return null;
        }
        Long minorUnits = null;
        String currency = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            var field = parser.currentName();
            var value = parser.nextToken();
            if (field.equals("minorUnits") && value == JsonToken.VALUE_NUMBER_INT) {
                minorUnits = parser.getLongValue();
            } else if (field.equals("currency")) {
                currency = text(parser, value);
            } else {
                parser.skipChildren();
            }
        }
        return minorUnits == null || currency == null ? null : new Total(minorUnits, currency);
    }

    private static @Nullable String text(JsonParser parser, @Nullable JsonToken token) throws IOException {
        return token == JsonToken.VALUE_STRING ? parser.getText() : null;
    }

    /**
     * The lines array as stored, if each line is exactly an {@link OrderLine} and its text holds no escape: the
     * order row keeps this text, and a rebuild compares it with what the projection wrote.
     */
    private static @Nullable String lines(JsonParser parser, @Nullable JsonToken token, byte[] payload)
            throws IOException {
        if (token != JsonToken.START_ARRAY) {
            return null;
        }
        var start = parser.currentTokenLocation().getByteOffset();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (!exactly(parser, next, OrderLine.class)) {
                return null;
            }
        }
        var end = (int) parser.currentLocation().getByteOffset();
        for (var i = (int) start; i < end; i++) {
            if (payload[i] == '\\') {
                return null; // an escape may spell a character otherwise than the projection's writer does
            }
        }
        return new String(payload, (int) start, end - (int) start, StandardCharsets.UTF_8);
    }

    /** Whether the value at {@code token} is an object of exactly the record's components, in order. */
    private static boolean exactly(JsonParser parser, @Nullable JsonToken token, Class<?> record) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            return false;
        }
        for (var component : COMPONENTS.get(record)) {
            if (parser.nextToken() != JsonToken.FIELD_NAME || !parser.currentName().equals(component.getName())) {
                return false;
            }
            var type = component.getType();
            var value = parser.nextToken();
            var plain = type.isRecord() ? exactly(parser, value, type)
                    : value == JsonToken.VALUE_STRING ? type == String.class
                    : value == JsonToken.VALUE_NUMBER_INT && fits(parser.getNumberType(), type);
            if (!plain) {
                return false;
            }
        }
        return parser.nextToken() == JsonToken.END_OBJECT;
    }

    private static boolean fits(JsonParser.NumberType number, Class<?> type) {
        return number == JsonParser.NumberType.INT ? type == int.class || type == long.class
                : number == JsonParser.NumberType.LONG && type == long.class;
    }
}
