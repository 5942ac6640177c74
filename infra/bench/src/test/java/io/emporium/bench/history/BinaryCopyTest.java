package io.emporium.bench.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinaryCopyTest {

    @Test
    void aStreamStartsWithPostgresqlsSignatureAndNoFlags() {
        var copy = new BinaryCopy().header();

        var bytes = Arrays.copyOf(copy.bytes(), copy.size());

        assertThat(bytes).startsWith('P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xFF, '\r', '\n', 0);
        assertThat(bytes).hasSize(19).endsWith(0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void aRowIsItsFieldCountThenEachFieldAsLengthAndBytes() {
        var copy = new BinaryCopy().row(3).int8(42).text("Order").bytes(null).trailer();

        var buffer = ByteBuffer.wrap(Arrays.copyOf(copy.bytes(), copy.size()));

        assertThat(buffer.getShort()).isEqualTo((short) 3);
        assertThat(buffer.getInt()).isEqualTo(8);
        assertThat(buffer.getLong()).isEqualTo(42);
        assertThat(buffer.getInt()).isEqualTo(5);
        var text = new byte[5];
        buffer.get(text);
        assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("Order");
        assertThat(buffer.getInt()).as("null").isEqualTo(-1);
        assertThat(buffer.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void clearingStartsTheNextChunkEmpty() {
        var copy = new BinaryCopy().header();

        copy.clear();

        assertThat(copy.size()).isZero();
    }
}
