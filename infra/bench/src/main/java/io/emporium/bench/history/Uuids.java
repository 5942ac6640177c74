package io.emporium.bench.history;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/** UUIDs from a fast, unshared generator: millions of synthetic rows need no SecureRandom. */
final class Uuids {

    private Uuids() {
    }

    /** A random version 4 UUID, as a client's or an engine's random id. */
    static String random(SplittableRandom random) {
        var most = random.nextLong() & ~0xF000L | 0x4000L;
        var least = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    /**
     * A version 7 UUID made at {@code at}, as the engine identifies its events (its {@code TimeOrderedIdentifiers},
     * whose layout this repeats because the bench keeps the engine's classes off its classpath), so that a synthetic
     * history's event ids sit in the event table's index as the engine's own would.
     */
    static String timeOrdered(SplittableRandom random, Instant at) {
        var most = at.toEpochMilli() << 16 | 0x7000L | random.nextInt(1 << 12);
        var least = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
