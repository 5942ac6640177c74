package io.emporium.bench.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventRowTemplateTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    /** A time-ordered UUID (version 7), as the engine identifies its events. */
    private static final String TIME_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    /** A name-based UUID (version 3), as the engine derives a registered customer's id. */
    private static final String NAME_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final EventRowTemplate template = EventRowTemplate.orderPlacedShape();
    private final SplittableRandom random = new SplittableRandom(1);
    private final Instant at = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void everyCopyIsANewOrderWithItsOwnEventIdMadeAsTheEngineMakesItsOwnAtTheCopysMoment() {
        var first = template.next(random, 1, at);
        var second = template.next(random, 2, at);

        assertThat(first.aggregateIdentifier()).matches(UUID).isNotEqualTo(second.aggregateIdentifier());
        assertThat(first.eventIdentifier()).matches(TIME_UUID).isNotEqualTo(second.eventIdentifier());
        assertThat(java.util.UUID.fromString(first.eventIdentifier()).getMostSignificantBits() >>> 16)
                .isEqualTo(at.toEpochMilli());
        assertThat(first.sequenceNumber()).isZero();
        assertThat(first.timestamp()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void theCopysPayloadIsTheTemplatesJsonWithTheNewOrderAndCustomer() {
        var row = template.next(random, 12_345, at);

        var payload = new String(row.payload(), StandardCharsets.UTF_8);
        assertThat(JsonPath.<String>read(payload, "$.orderId")).isEqualTo(row.aggregateIdentifier());
        assertThat(JsonPath.<String>read(payload, "$.customerId")).isEqualTo(EventRowTemplate.customerId(2_345));
        assertThat(JsonPath.<Integer>read(payload, "$.total.minorUnits")).isEqualTo(2500);
        assertThat(row.payload()).hasSameSizeAs(template.payloadJson().getBytes(StandardCharsets.UTF_8));
        assertThat(row.payloadType()).isEqualTo("io.emporium.contracts.order.OrderEvent$OrderPlaced");
    }

    @Test
    void theCopysMetadataGetsNewIdsAndStaysValidJson() {
        var row = template.next(random, 1, at);

        var metaData = new String(row.metaData(), StandardCharsets.UTF_8);
        Map<String, String> ids = JsonPath.read(metaData, "$");
        assertThat(ids).containsOnlyKeys("traceId", "correlationId");
        assertThat(ids.values()).allMatch(id -> id.matches(UUID))
                .doesNotContain("44e59a7c-af49-41c3-b834-c24a10626d3b");
    }

    @Test
    void eachCopyIsPlacedWhenItIsStoredToTheTemplatesPrecision() {
        var row = template.next(random, 1, Instant.parse("2026-03-04T05:06:07.891Z"));

        var payload = new String(row.payload(), StandardCharsets.UTF_8);
        assertThat(JsonPath.<String>read(payload, "$.placedAt")).isEqualTo("2026-03-04T05:06:07.891000000Z");
        assertThat(row.timestamp()).isEqualTo("2026-03-04T05:06:07.891Z");
        assertThat(row.payload()).hasSameSizeAs(template.payloadJson().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void momentsKeepTheirWidthWhateverTheirValue() {
        var at = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(EventRowTemplate.moment(at, 0)).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(EventRowTemplate.moment(at, 3)).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(EventRowTemplate.moment(at.plusNanos(123_456_789), 6)).isEqualTo("2026-01-01T00:00:00.123456Z");
    }

    @Test
    void customersAreSpreadOverAFixedNumberOfIdsShapedAsTheEngineGivesThem() {
        var customers = LongStream.range(0, EventRowTemplate.CUSTOMERS).mapToObj(EventRowTemplate::customerId)
                .collect(Collectors.toSet());

        assertThat(customers).hasSize(EventRowTemplate.CUSTOMERS).allMatch(id -> id.matches(NAME_UUID));
        assertThat(EventRowTemplate.customerId(EventRowTemplate.CUSTOMERS + 7))
                .isEqualTo(EventRowTemplate.customerId(7));
    }
}
