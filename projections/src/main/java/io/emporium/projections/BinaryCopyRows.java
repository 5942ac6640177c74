package io.emporium.projections;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a {@code COPY ... TO STDOUT (FORMAT binary)} as they stream in: a header, then each row's fields, each
 * with its length. The bulk readers of the event table use it: the server sends the stored bytes as they are, where
 * a query's text results cost it an encoding of every value (bytea as hex) and the driver a decoding.
 */
public final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int BUFFER = 1 << 16;

    private final DataInputStream in;
    private final int columns;

    /** What a binary COPY's data opens with, its flags and header extension empty: as writers must send it. */
    public static byte[] header() {
        return Arrays.copyOf(SIGNATURE, SIGNATURE.length + 2 * Integer.BYTES);
    }

    /** @param columns how many fields every row of the COPY has */
    public BinaryCopyRows(InputStream source, int columns) throws IOException {
        this.in = new DataInputStream(new BufferedInputStream(source, BUFFER));
        this.columns = columns;
        if (!Arrays.equals(in.readNBytes(SIGNATURE.length), SIGNATURE)) {
            throw new IOException("not PostgreSQL's binary COPY format");
        }
        in.readInt(); // flags: none is defined that changes the rows
        in.skipNBytes(in.readInt()); // header extension
    }

    /** Moves to the next row; false after the last one, once the stream has been read to its end. */
    public boolean next() throws IOException {
        var fields = in.readShort();
        if (fields == -1) {
            while (in.read() != -1) {
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
        var length = in.readInt();
        if (length != Long.BYTES) {
            throw new IOException("a bigint of " + length + " bytes");
        }
        return in.readLong();
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
        var length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }
}
