package io.emporium.psp;

import java.security.SecureRandom;

/** Opaque identifiers in Stripe's shape: a type prefix and 24 random characters, such as {@code pay_3Fh…}. */
final class Ids {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String next(String prefix) {
        var id = new StringBuilder(prefix);
        for (var i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
