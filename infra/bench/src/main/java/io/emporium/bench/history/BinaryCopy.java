package io.emporium.bench.history;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's binary COPY format, written into a buffer that the caller drains in chunks: a header, then per row
 * the field count and each field as its length and bytes (length -1 for null), then a trailer.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final Buffer buffer = new Buffer();
    private final DataOutputStream out = new DataOutputStream(buffer);

    /** Starts the stream: signature, no flags, no header extension. */
    BinaryCopy header() {
        try {
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BinaryCopy row(int fields) {
        try {
            out.writeShort(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A bigint field. */
    BinaryCopy int8(long value) {
        try {
            out.writeInt(8);
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A text or varchar field, in UTF-8. */
    BinaryCopy text(@Nullable String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytea field, or any field given as its raw binary form. */
    BinaryCopy bytes(byte @Nullable [] value) {
        try {
            if (value == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(value.length);
                out.write(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Ends the stream. */
    BinaryCopy trailer() {
        try {
            out.writeShort(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    int size() {
        return buffer.size();
    }

    /** The bytes written since the last {@link #clear()}; valid up to {@link #size()}. */
    byte[] bytes() {
        return buffer.array();
    }

    void clear() {
        buffer.reset();
    }

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1 << 21);
        }

        byte[] array() {
            return buf;
        }
    }
}
