package io.emporium.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.projections.BinaryCopyRows;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * COPY's text format: a value may hold any character and still land in its own column, rows are sent whole. Its
 * binary format: each value as the server stores it, read back as the event table's bulk readers read such rows.
 */
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
        try (var rows = new CopyRows(received, false)) {
            rows.column("a\tb\nc\rd\\e").column(-42).column((String) null).end();
        }

        assertThat(received.text()).isEqualTo("a\\tb\\nc\\rd\\\\e\t-42\t\\N\n");
    }

    @Test
    void jsonAndAccentedTextPassUnchangedAsUtf8() {
        var json = "[{\"sku\": \"Crème\\\\\u2603\", \"quantity\": 2}]";
        var received = new Received();
        try (var rows = new CopyRows(received, false)) {
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
        try (var rows = new CopyRows(received, false)) {
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
        try (var rows = new CopyRows(received, false)) {
            rows.column(1).end();
            rows.column(value).end();
        }

        assertThat(received.text()).isEqualTo("1\n" + value + "\n");
    }

    @Test
    void binaryRowsCarryEachValueWithItsLengthAsTheServerStoresIt() throws IOException {
        var received = new Received();
        try (var rows = new CopyRows(received, true)) {
            rows.column("Zoë\t\uD83D\uDE00").column(-42).column((String) null)
                    .timestamp("2000-01-01T00:00:01.000001Z").column("[{\"sku\":\"Crème\"}]").end();
            rows.column("order-2").column(Long.MAX_VALUE).column("x").timestamp("1999-12-31T23:59:59Z").column("{}")
                    .end();
        }

        var read = binary(received, 5);
        assertThat(read.next()).isTrue();
        assertThat(new String(read.field(), StandardCharsets.UTF_8)).isEqualTo("Zoë\t\uD83D\uDE00");
        assertThat(read.int8()).isEqualTo(-42);
        assertThat(read.nullableField()).isNull();
        assertThat(read.int8()).as("microseconds since 2000").isEqualTo(1_000_001);
        assertThat(read.field()).asString(StandardCharsets.UTF_8).isEqualTo("[{\"sku\":\"Crème\"}]");
        assertThat(read.next()).isTrue();
        assertThat(read.field()).asString(StandardCharsets.UTF_8).isEqualTo("order-2");
        assertThat(read.int8()).isEqualTo(Long.MAX_VALUE);
        assertThat(read.field()).asString(StandardCharsets.UTF_8).isEqualTo("x");
        assertThat(read.int8()).isEqualTo(-1_000_000);
        assertThat(read.field()).containsExactly('{', '}');
        assertThat(read.next()).isFalse();
    }

    @Test
    void binaryRowsLargerThanAChunkAreSentWhole() throws IOException {
        var received = new Received();
        var value = "é".repeat(300_000);
        try (var rows = new CopyRows(received, true)) {
            for (var i = 0; i < 3; i++) {
                rows.column(i).column(value).end();
            }
        }

        assertThat(received.chunks).hasSizeGreaterThan(1);
        var read = binary(received, 2);
        for (var i = 0; i < 3; i++) {
            assertThat(read.next()).isTrue();
            assertThat(read.int8()).isEqualTo(i);
            assertThat(read.field()).asString(StandardCharsets.UTF_8).isEqualTo(value);
        }
        assertThat(read.next()).isFalse();
    }

    @Test
    void momentsAreReadAsInstantsRoundedHalfUpToTheMicrosecond() {
        for (var text : new String[] {"2026-12-02T10:15:30Z", "2026-12-02T10:15:30.1Z", "2026-12-02T10:15:30.123456Z",
                "2026-12-02T10:15:30.123456500Z", "2026-12-02T10:15:30.123456499Z", "2026-12-02T23:59:59.9999996Z",
                "2026-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z",
                "+10000-01-01T00:00:00.5Z", "2026-12-02T10:15:30+01:00", "2024-02-29T12:00:00.000000001Z",
                "2026-12-02T10:15:30.0000005Z", "2026-12-02T10:15:30.000099951Z"}) {
            var at = Instant.parse(text).plusNanos(500).truncatedTo(ChronoUnit.MICROS);
            assertThat(CopyRows.epochMicros(text)).as(text)
                    .isEqualTo(at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000);
        }
    }

    @Test
    void aMomentInTextIsRoundedAsInBinarySoTheServerNeverRoundsIt() {
        var received = new Received();
        try (var rows = new CopyRows(received, false)) {
            rows.timestamp("2026-12-02T10:15:30.123456500Z").timestamp("2026-12-02T23:59:59.9999996Z").end();
        }

        assertThat(received.text()).isEqualTo("2026-12-02T10:15:30.123457Z\t2026-12-03T00:00:00Z\n");
    }

    /** What a server would read: the COPY's header, the rows received, its trailer. */
    private static BinaryCopyRows binary(Received received, int columns) throws IOException {
        var stream = new ByteArrayOutputStream();
        stream.writeBytes(BinaryCopyRows.header());
        stream.writeBytes(received.all.toByteArray());
        stream.writeBytes(new byte[] {(byte) 0xff, (byte) 0xff});
        return new BinaryCopyRows(new ByteArrayInputStream(stream.toByteArray()), columns);
    }
}
