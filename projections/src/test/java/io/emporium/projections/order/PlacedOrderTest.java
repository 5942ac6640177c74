package io.emporium.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import io.emporium.eventstore.EventStoreConfiguration;
import io.emporium.projections.rebuild.HistoricEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * An order row's fields read from a stored OrderPlaced payload's tokens are the ones the projection writes from the
 * bound event; a payload of another shape is bound instead.
 */
class PlacedOrderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final OrderPlaced ORDER = new OrderPlaced("order-1", "customer-\"7\"\t",
            List.of(new OrderLine("SKU-MUG", 2, Money.of(1_250, "EUR")),
                    new OrderLine("SKU-CAFÉ\\\u2603", 1, Money.of(4_000_000_000L, "EUR"))),
            Money.of(4_000_002_500L, "EUR"), new PaymentCard("tok_1", "visa", "4242"),
            Instant.parse("2026-11-24T10:15:30.123456500Z"));

    /** Nothing in its lines that JSON escapes: their stored text is the projection's. */
    private static final OrderPlaced PLAIN = new OrderPlaced("order-1", "customer-\"7\"\t",
            List.of(new OrderLine("SKU-MUG", 2, Money.of(1_250, "EUR")),
                    new OrderLine("SKU-CAFÉ\u2603", 1, Money.of(4_000_000_000L, "EUR"))),
            Money.of(4_000_002_500L, "EUR"), new PaymentCard("tok_1", "visa", "4242"),
            Instant.parse("2026-11-24T10:15:30.123456500Z"));

    @Test
    void aStoredPlacementGivesTheRowTheProjectionWritesFromTheBoundEvent() throws Exception {
        var stored = stored(EventStoreConfiguration.eventObjectMapper().writeValueAsString(PLAIN));

        var read = PlacedOrder.fromTokens(stored);

        var bound = PlacedOrder.bound(PLAIN, JSON);
        assertThat(read).isNotNull();
        assertThat(read.orderId()).isEqualTo(bound.orderId());
        assertThat(read.customerId()).isEqualTo(bound.customerId());
        assertThat(read.totalMinor()).isEqualTo(4_000_002_500L);
        assertThat(read.currency()).isEqualTo("EUR");
        assertThat(Instant.parse(read.placedAt())).isEqualTo(Instant.parse(bound.placedAt()))
                .isEqualTo(ORDER.placedAt());
        assertThat(read.lines()).isEqualTo(bound.lines());
    }

    /**
     * The stored lines are the order row's text, which a rebuild compares with the serving version's: whatever a
     * SKU holds, the row's lines are the text the projection writes.
     */
    @Test
    void linesWithCharactersJsonEscapesOrMayEscapeAreWrittenAsTheProjectionWritesThem() throws Exception {
        for (var sku : List.of("SKU-CAFÉ\\\u2603", "SKU/1", "SKU-\"7\"", "SKU-\u001f", "SKU-\u2028")) {
            var order = placed(sku);
            var stored = stored(EventStoreConfiguration.eventObjectMapper().writeValueAsString(order));

            assertThat(PlacedOrder.of(stored, JSON).lines()).as(sku).isEqualTo(PlacedOrder.bound(order, JSON).lines());
        }
    }

    /** A stored payload may spell a character with an escape the projection's writer would not use. */
    @Test
    void linesSpellingACharacterWithAnEscapeAreBoundAndWrittenAsTheProjectionWritesThem() {
        var stored = stored("""
                {"orderId":"order-1","customerId":"customer-1","lines":[
                  {"sku":"SKU-CAF\\u00c9\\/1","quantity":1,"unitPrice":{"minorUnits":1,"currency":"EUR"}}],
                 "total":{"minorUnits":1,"currency":"EUR"},
                 "card":{"token":"tok_1","brand":"visa","last4":"4242"},"placedAt":"2026-11-24T10:15:30Z"}""");

        assertThat(PlacedOrder.fromTokens(stored)).isNull();
        assertThat(PlacedOrder.of(stored, JSON).lines())
                .isEqualTo(PlacedOrder.bound(placed("SKU-CAFÉ/1"), JSON).lines());
    }

    private static OrderPlaced placed(String sku) {
        return new OrderPlaced("order-1", "customer-1", List.of(new OrderLine(sku, 1, Money.of(1, "EUR"))),
                Money.of(1, "EUR"), new PaymentCard("tok_1", "visa", "4242"), Instant.parse("2026-11-24T10:15:30Z"));
    }

    @Test
    void fieldsInAnotherOrderAndUnknownFieldsAroundTheLinesAreReadAlike() {
        var stored = stored("""
                {"card":{"token":"t","brand":"visa","last4":"4242","new":[1,{"a":2}]},"placedAt":"2026-11-24T10:15:30Z",
                 "total":{"currency":"EUR","minorUnits":2500},"giftWrap":true,"customerId":"c-1","orderId":"o-1",
                 "lines":[{"sku":"SKU-MUG","quantity":2,"unitPrice":{"minorUnits":1250,"currency":"EUR"}}]}""");

        var read = PlacedOrder.fromTokens(stored);

        assertThat(read).isEqualTo(new PlacedOrder("o-1", "c-1",
                "[{\"sku\":\"SKU-MUG\",\"quantity\":2,\"unitPrice\":{\"minorUnits\":1250,\"currency\":\"EUR\"}}]",
                2_500, "EUR", "2026-11-24T10:15:30Z"));
    }

    @Test
    void linesOfAnotherShapeThanOrderLineAreBoundAsTheProjectionBindsThem() {
        for (var line : List.of(
                "{\"sku\":\"SKU-MUG\",\"quantity\":2}",
                "{\"sku\":\"SKU-MUG\",\"quantity\":2,\"unitPrice\":{\"minorUnits\":1250,\"currency\":\"EUR\"},"
                        + "\"note\":\"gift\"}",
                "{\"quantity\":2,\"sku\":\"SKU-MUG\",\"unitPrice\":{\"minorUnits\":1250,\"currency\":\"EUR\"}}",
                "{\"sku\":\"SKU-MUG\",\"quantity\":2.0,\"unitPrice\":{\"minorUnits\":1250,\"currency\":\"EUR\"}}",
                "{\"sku\":\"SKU-MUG\",\"quantity\":4000000000,\"unitPrice\":{\"minorUnits\":1,\"currency\":\"EUR\"}}")) {
            var stored = stored("""
                    {"orderId":"o-1","customerId":"c-1","lines":[%s],"total":{"minorUnits":2500,"currency":"EUR"},
                     "card":{"token":"t","brand":"visa","last4":"4242"},"placedAt":"2026-11-24T10:15:30Z"}"""
                    .formatted(line));

            assertThat(PlacedOrder.fromTokens(stored)).as(line).isNull();
        }
    }

    @Test
    void aPlacementOfAnotherShapeIsBound() throws Exception {
        var older = stored("""
                {"orderId":"order-1","customerId":"customer-\\"7\\"\\t","lines":[
                  {"sku":"SKU-MUG","quantity":2,"unitPrice":{"minorUnits":1250,"currency":"EUR"},"legacyTax":0},
                  {"sku":"SKU-CAFÉ\\\\☃","quantity":1,"unitPrice":{"minorUnits":4000000000,"currency":"EUR"}}],
                 "total":{"minorUnits":4000002500,"currency":"EUR"},
                 "card":{"token":"tok_1","brand":"visa","last4":"4242"},"placedAt":"2026-11-24T10:15:30.123456500Z"}""");

        var read = PlacedOrder.of(older, JSON);

        assertThat(read).isEqualTo(PlacedOrder.bound(ORDER, JSON));
    }

    private static HistoricEvent stored(String payload) {
        return new HistoricEvent(7, "order-1", "2026-11-24T10:15:30.123456Z", OrderPlaced.class,
                payload.getBytes(StandardCharsets.UTF_8));
    }
}
