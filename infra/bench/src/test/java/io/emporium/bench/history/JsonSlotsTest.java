package io.emporium.bench.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSlotsTest {

    private static final String STORED = """
            {"sku":"SFT-1","receiptId":"zqxreceipt-SFT-1","quantity":4243,"levels":{"onHand":4243,"reserved":0},\
            "note":142430}""";

    @Test
    void everyPlaceOfATemplateValueTakesTheCopysValueAndTheRestStaysAsStored() {
        var slots = JsonSlots.of(STORED, Map.of("sku", "\"SFT-1\"", "receipt", "\"zqxreceipt-SFT-1\"",
                "quantity", "4243"));

        var copy = new String(slots.fill(Map.of("sku", JsonSlots.string("SF-000007"),
                "receipt", JsonSlots.string("receipt:bench-SF-000007"), "quantity", "17")), StandardCharsets.UTF_8);

        assertThat(JsonPath.<String>read(copy, "$.sku")).isEqualTo("SF-000007");
        assertThat(JsonPath.<String>read(copy, "$.receiptId")).isEqualTo("receipt:bench-SF-000007");
        assertThat(JsonPath.<Integer>read(copy, "$.quantity")).isEqualTo(17);
        assertThat(JsonPath.<Integer>read(copy, "$.levels.onHand")).isEqualTo(17);
        assertThat(JsonPath.<Integer>read(copy, "$.note")).as("a longer number containing the value").isEqualTo(142430);
    }

    @Test
    void accentedAndQuotedNamesBecomeValidJsonStrings() {
        var slots = JsonSlots.of("{\"name\":\"Zqxname template\"}", Map.of("name", "\"Zqxname template\""));

        var copy = slots.fill(Map.of("name", JsonSlots.string("Crème \"brûlée\" mug \\ 2")));

        assertThat(JsonPath.<String>read(new String(copy, StandardCharsets.UTF_8), "$.name"))
                .isEqualTo("Crème \"brûlée\" mug \\ 2");
    }

    @Test
    void aTemplateValueTheEngineDidNotStoreAsSentIsRefused() {
        assertThatThrownBy(() -> JsonSlots.of(STORED, Map.of("name", "\"Zqxname template\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }
}
