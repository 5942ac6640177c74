package io.emporium.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BinaryCopyRowsTest {

    @Test
    void readsEveryFieldOfEveryRowHoweverTheStreamIsCutIntoReads() throws IOException {
        var large = new byte[200_000];
        Arrays.fill(large, (byte) 'x');
        var copy = copy(rows -> {
            row(rows, 42L, "order-é", null);
            row(rows, Long.MIN_VALUE, "", large);
        });

        for (var source : new InputStream[] {new ByteArrayInputStream(copy), new OneByteAtATime(copy)}) {
            var rows = new BinaryCopyRows(source, 3);
            assertThat(rows.next()).isTrue();
            assertThat(rows.int8()).isEqualTo(42L);
            assertThat(rows.text()).isEqualTo("order-é");
            assertThat(rows.nullableField()).isNull();
            assertThat(rows.next()).isTrue();
            assertThat(rows.int8()).isEqualTo(Long.MIN_VALUE);
            assertThat(rows.field()).isEmpty();
            assertThat(rows.field()).isEqualTo(large);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void refusesAStreamThatIsNotABinaryCopy() {
        var text = "42\torder\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new BinaryCopyRows(new ByteArrayInputStream(text), 3))
                .isInstanceOf(IOException.class);
    }

    @Test
    void reportsACopyThatEndsInsideARow() throws IOException {
        var copy = copy(rows -> row(rows, 7L, "order", null));
        var cut = new BinaryCopyRows(new ByteArrayInputStream(Arrays.copyOf(copy, copy.length - 8)), 3);

        assertThat(cut.next()).isTrue();
        assertThat(cut.int8()).isEqualTo(7L);
        assertThatThrownBy(cut::text).isInstanceOf(EOFException.class);
    }

    @Test
    void refusesARowOfAnotherWidthAndANullWhereTheColumnForbidsIt() throws IOException {
        var copy = copy(rows -> row(rows, 7L, "order", null));

        assertThatThrownBy(() -> new BinaryCopyRows(new ByteArrayInputStream(copy), 4).next())
                .isInstanceOf(IOException.class).hasMessageContaining("3 columns");
        var rows = new BinaryCopyRows(new ByteArrayInputStream(copy), 3);
        rows.next();
        rows.int8();
        rows.text();
        assertThatThrownBy(rows::field).isInstanceOf(IOException.class).hasMessageContaining("null");
    }

    private interface Rows {
        void write(DataOutputStream rows) throws IOException;
    }

    /** A whole binary COPY as PostgreSQL sends it: header, rows, trailer. */
    private static byte[] copy(Rows rows) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.write(BinaryCopyRows.header());
        rows.write(out);
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    private static void row(DataOutputStream out, long number, String text, byte @Nullable [] bytes)
            throws IOException {
        out.writeShort(3);
        out.writeInt(Long.BYTES);
        out.writeLong(number);
        var utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** A source that gives one byte per read, as a slow network might. */
    private static final class OneByteAtATime extends InputStream {
        private final ByteArrayInputStream bytes;

        OneByteAtATime(byte[] bytes) {
            this.bytes = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return length == 0 ? 0 : bytes.read(buffer, offset, 1);
        }
    }
}
