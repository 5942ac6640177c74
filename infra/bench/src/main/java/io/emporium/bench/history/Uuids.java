package io.emporium.bench.history;

import java.util.SplittableRandom;
import java.util.UUID;

/** Random version-4 UUIDs from a fast, unshared generator: millions of event ids need no SecureRandom. */
final class Uuids {

    private Uuids() {
    }

    static String random(SplittableRandom random) {
        var most = random.nextLong() & ~0xF000L | 0x4000L;
        var least = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
