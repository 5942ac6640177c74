package io.emporium.projections;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a {@code COPY ... TO STDOUT (FORMAT binary)} as they stream in: a header, then each row's fields, each
 * with its length. The bulk readers of the event table use it: the server sends the stored bytes as they are, where
 * a query's text results cost it an encoding of every value (bytea as hex) and the driver a decoding.
 *
 * <p>The stream is read into a buffer of its own, in large reads, and numbers are taken from it in place. Through
 * {@code DataInputStream} over {@code BufferedInputStream} (a locked call per byte of every length) the reading of
 * a rebuild part took 2,740-3,395 async-profiler samples outside page faults, 1,896-2,425 so
 * ({@code OrderViewRebuildIT -Drebuild.orders=1200000}, 3M events).
 */
public final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int BUFFER = 1 << 16;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final InputStream source;
    private final int columns;
    private byte[] buffer = new byte[BUFFER];
    /** The next unread byte of {@link #buffer}. */
    private int at;
    /** The end of what {@link #buffer} holds. */
    private int end;

    /** What a binary COPY's data opens with, its flags and header extension empty: as writers must send it. */
    public static byte[] header() {
        return Arrays.copyOf(SIGNATURE, SIGNATURE.length + 2 * Integer.BYTES);
    }

    /** @param columns how many fields every row of the COPY has */
    public BinaryCopyRows(InputStream source, int columns) throws IOException {
        this.source = source;
        this.columns = columns;
        need(SIGNATURE.length);
        if (!Arrays.equals(buffer, at, at + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not PostgreSQL's binary COPY format");
        }
        at += SIGNATURE.length;
        readInt(); // flags: none is defined that changes the rows
        var extension = readInt();
        need(extension);
        at += extension;
    }

    /** Moves to the next row; false after the last one, once the stream has been read to its end. */
    public boolean next() throws IOException {
        need(Short.BYTES);
        var fields = (short) SHORT.get(buffer, at);
        at += Short.BYTES;
        if (fields == -1) {
            while (source.read(buffer) != -1) {
                // The COPY ends once its stream has been read to the end.
            }
            return false;
        }
        if (fields != columns) {
            throw new IOException("a row of " + fields + " columns, not " + columns);
        }
        return true;
    }

    /** The next field of the row, a bigint. */
    public long int8() throws IOException {
        var length = readInt();
        if (length != Long.BYTES) {
            throw new IOException("a bigint of " + length + " bytes");
        }
        need(Long.BYTES);
        var value = (long) LONG.get(buffer, at);
        at += Long.BYTES;
        return value;
    }

    /** The next field of the row, which its column declares not null: a text's UTF-8, a bytea's bytes. */
    public byte[] field() throws IOException {
        var value = nullableField();
        if (value == null) {
            throw new IOException("null in a column declared not null");
        }
        return value;
    }

    /** The next field of the row, or null. */
    public byte @Nullable [] nullableField() throws IOException {
        var length = readInt();
        if (length < 0) {
            return null;
        }
        need(length);
        at += length;
        return Arrays.copyOfRange(buffer, at - length, at);
    }

    /** The next field of the row, a text its column declares not null, decoded from the buffer without a copy. */
    public String text() throws IOException {
        var length = readInt();
        if (length < 0) {
            throw new IOException("null in a column declared not null");
        }
        need(length);
        at += length;
        return new String(buffer, at - length, length, StandardCharsets.UTF_8);
    }

    private int readInt() throws IOException {
        need(Integer.BYTES);
        var value = (int) INT.get(buffer, at);
        at += Integer.BYTES;
        return value;
    }

    /** Makes the buffer hold at least {@code bytes} unread bytes, or fails at the stream's end. */
    private void need(int bytes) throws IOException {
        if (end - at >= bytes) {
            return;
        }
        if (bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(bytes, 2 * buffer.length));
        }
        var held = end - at;
        System.arraycopy(buffer, at, buffer, 0, held);
        at = 0;
        end = held;
        while (end < bytes) {
            var read = source.read(buffer, end, buffer.length - end);
            if (read < 0) {
                throw new EOFException("the COPY ended inside a row");
            }
            end += read;
        }
    }
}
