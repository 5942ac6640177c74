package io.emporium.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** COPY's text format: a value may hold any character and still land in its own column. */
class CopyRowsTest {

    private static String escaped(String value) {
        var into = new StringBuilder();
        CopyRows.escape(value, into);
        return into.toString();
    }

    @Test
    void tabsNewlinesAndBackslashesInAValueAreEscapedSoTheyCannotEndTheColumnOrTheRow() {
        assertThat(escaped("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
    }

    @Test
    void jsonAndAccentedTextPassUnchanged() {
        var json = "[{\"sku\": \"Crème\", \"quantity\": 2}]";
        assertThat(escaped(json)).isEqualTo(json);
    }
}
