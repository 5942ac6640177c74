package io.emporium.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY's text format: a value may hold any character and still land in its own column, rows are sent whole. */
class CopyRowsTest {

    /** What a COPY would receive, chunk by chunk. */
    private static final class Received implements CopyRows.Sink {

        final List<String> chunks = new ArrayList<>();
        final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public void write(byte[] bytes, int length) {
            chunks.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
            all.write(bytes, 0, length);
        }

        @Override
        public void close() {
            // nothing to end
        }

        @Override
        public void abandon() {
            // nothing to give back
        }

        String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void tabsNewlinesAndBackslashesInAValueAreEscapedSoTheyCannotEndTheColumnOrTheRow() {
        var received = new Received();
        try (var rows = new CopyRows(received)) {
            rows.column("a\tb\nc\rd\\e").column(-42).column((String) null).end();
        }

        assertThat(received.text()).isEqualTo("a\\tb\\nc\\rd\\\\e\t-42\t\\N\n");
    }

    @Test
    void jsonAndAccentedTextPassUnchangedAsUtf8() {
        var json = "[{\"sku\": \"Crème\\\\\u2603\", \"quantity\": 2}]";
        var received = new Received();
        try (var rows = new CopyRows(received)) {
            rows.column("order-1").column(json).end();
            rows.column("Zoë\tand\u00a0\uD83D\uDE00").end();
        }

        assertThat(received.text()).isEqualTo("order-1\t" + json.replace("\\", "\\\\") + "\n"
                + "Zoë\\tand\u00a0\uD83D\uDE00\n");
    }

    @Test
    void rowsAreSentInChunksOfWholeRows() {
        var received = new Received();
        var value = "x".repeat(1_000);
        try (var rows = new CopyRows(received)) {
            for (var i = 0; i < 1_000; i++) {
                rows.column(i).column(value).end();
            }
        }

        assertThat(received.chunks).hasSizeGreaterThan(1)
                .allSatisfy(chunk -> assertThat(chunk).endsWith("\n"));
        assertThat(received.text().lines()).hasSize(1_000).allSatisfy(row -> assertThat(row).endsWith(value));
    }

    @Test
    void aValueLargerThanAChunkIsSentAsOneRow() {
        var received = new Received();
        var value = "é".repeat(300_000);
        try (var rows = new CopyRows(received)) {
            rows.column(1).end();
            rows.column(value).end();
        }

        assertThat(received.text()).isEqualTo("1\n" + value + "\n");
    }
}
