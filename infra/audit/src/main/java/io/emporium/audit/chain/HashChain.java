package io.emporium.audit.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * How one link of the chain is computed: SHA-256 over the previous link's hash and every stored column of the
 * event row. Each column is written with its length first (-1 for null), so no two different rows can encode alike
 * by moving bytes from one column to the next.
 */
public final class HashChain {

    /** What the first link of the chain follows. */
    public static final byte[] GENESIS = new byte[32];

    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {}

    public static byte[] link(byte[] previous, EventRow row) {
        var digest = sha256();
        digest.update(previous);
        digest.update(number(row.position()));
        digest.update(text(row.eventIdentifier()));
        digest.update(text(row.aggregateIdentifier()));
        digest.update(number(row.sequenceNumber()));
        digest.update(text(row.type()));
        digest.update(text(row.timestamp()));
        digest.update(text(row.payloadType()));
        digest.update(text(row.payloadRevision()));
        digest.update(bytes(row.payload()));
        digest.update(bytes(row.metaData()));
        return digest.digest();
    }

    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    public static byte[] fromHex(String hash) {
        return HEX.parseHex(hash);
    }

    private static byte[] number(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static byte[] text(@Nullable String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(byte @Nullable [] value) {
        if (value == null) {
            return number(-1);
        }
        return ByteBuffer.allocate(Long.BYTES + value.length).putLong(value.length).put(value).array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
