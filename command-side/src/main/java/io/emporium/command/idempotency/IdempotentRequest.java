package io.emporium.command.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A state-changing request under a client's Idempotency-Key.
 *
 * @param key         the client's key, as sent
 * @param fingerprint SHA-256 of method, path and the canonical body: the same key with another request is refused
 */
public record IdempotentRequest(String key, String fingerprint) {

    /** Visible ASCII, as in the IETF Idempotency-Key draft's examples; long enough for a UUID or a hash. */
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    public static boolean isValidKey(String key) {
        return VALID_KEY.matcher(key).matches();
    }

    public static IdempotentRequest of(String key, String method, String path, byte[] canonicalBody) {
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("invalid idempotency key");
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + ' ' + path + '\n').getBytes(StandardCharsets.UTF_8));
            digest.update(canonicalBody);
            return new IdempotentRequest(key, HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
