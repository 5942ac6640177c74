package io.emporium.projections.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A replayed event's envelope, put together from its stored row, reads as the JSON the live export writes. */
class StoredEnvelopeTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final StoredEnvelope placed = StoredEnvelope.of(ExportTopics.ofType(OrderPlaced.class).orElseThrow(),
            OrderPlaced.class, json);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void carriesTheStoredEventAsDataAndTheRequestAndCauseFromItsMetadata() {
        var row = new StoredEnvelope.Row(42, 3, utf8("order-1"), utf8("event-1"), utf8("2026-12-03T04:05:06.789Z"),
                utf8("{\"correlationId\":\"command-9\",\"other\":{\"a\":[1,2]},\"traceId\":\"request-7\"}"),
                utf8("{\"orderId\":\"order-1\",\"lines\":[]}"));

        var envelope = json.readTree(placed.envelope(row));

        assertThat(envelope.get("specversion").asString()).isEqualTo("1.0");
        assertThat(envelope.get("id").asString()).isEqualTo("event-1");
        assertThat(envelope.get("time").asString()).isEqualTo("2026-12-03T04:05:06.789Z");
        assertThat(envelope.get("subject").asString()).isEqualTo("order-1");
        assertThat(envelope.get("position").asLong()).isEqualTo(42);
        assertThat(envelope.get("sequence").asLong()).isEqualTo(3);
        assertThat(envelope.get("correlationid").asString()).isEqualTo("request-7");
        assertThat(envelope.get("causationid").asString()).isEqualTo("command-9");
        assertThat(envelope.get("data")).isEqualTo(json.readTree("{\"orderId\":\"order-1\",\"lines\":[]}"));
        assertThat(envelope.get("dataschema").asString()).endsWith("OrderPlaced.json");
    }

    @Test
    void anEventWithoutMetadataHasNoRequestOrCause() {
        var row = new StoredEnvelope.Row(1, 0, utf8("order-2"), utf8("event-2"), utf8("2026-12-03T00:00:00Z"),
                null, utf8("{}"));

        var envelope = json.readTree(placed.envelope(row));

        assertThat(envelope.get("correlationid").isNull()).isTrue();
        assertThat(envelope.get("causationid").isNull()).isTrue();
    }

    @Test
    void identifiersWithQuotesBackslashesControlCharactersOrAccentsStayTheSameText() {
        var awkward = "sku \"é\" \\ tab\there\u0001 ünïcödé 🛒";
        var row = new StoredEnvelope.Row(7, 1, utf8(awkward), utf8("event-3"), utf8("2026-12-03T00:00:00Z"),
                utf8("{\"traceId\":" + json.writeValueAsString(awkward) + "}"), utf8("{}"));

        var envelope = json.readTree(placed.envelope(row));

        assertThat(envelope.get("subject").asString()).isEqualTo(awkward);
        assertThat(envelope.get("correlationid").asString()).isEqualTo(awkward);
    }
}
