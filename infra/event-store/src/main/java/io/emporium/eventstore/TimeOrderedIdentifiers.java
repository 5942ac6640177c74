package io.emporium.eventstore;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.axonframework.common.IdentifierFactory;

/**
 * Identifiers for every message Axon creates (commands, events, sagas): version 7 UUIDs (RFC 9562), the creation
 * millisecond first and 74 random bits after it. Axon finds this class through {@code META-INF/services}.
 *
 * <p>Why not Axon's default, random version 4 UUIDs: an event's identifier is unique in the event table, and random
 * keys put every append's index entry on a random page of that index, each such page logged whole once after every
 * checkpoint and kept in memory only while the whole index fits. Time-ordered keys all land on the index's last
 * pages. And the default draws from the JVM's one {@code SecureRandom}, which every request thread shares; an
 * identifier must be unique, not unguessable, so each thread's own generator serves here, its bits mixed with a
 * value drawn once per process so that two engines on one database do not share a sequence even if their
 * generators were seeded alike.
 */
public final class TimeOrderedIdentifiers extends IdentifierFactory {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT = 0x8000_0000_0000_0000L;
    private static final long RANDOM_B = 0x3FFF_FFFF_FFFF_FFFFL;

    private final LongSupplier epochMillis;
    private final long processBits;

    /** For Axon's service loader: the system clock and a process value from {@link SecureRandom}. */
    public TimeOrderedIdentifiers() {
        this(System::currentTimeMillis, new SecureRandom().nextLong());
    }

    TimeOrderedIdentifiers(LongSupplier epochMillis, long processBits) {
        this.epochMillis = epochMillis;
        this.processBits = processBits;
    }

    @Override
    public String generateIdentifier() {
        return next().toString();
    }

    UUID next() {
        var random = ThreadLocalRandom.current();
        var high = epochMillis.getAsLong() << 16 | VERSION_7 | random.nextInt(1 << 12);
        var low = VARIANT | (random.nextLong() ^ processBits) & RANDOM_B;
        return new UUID(high, low);
    }
}
