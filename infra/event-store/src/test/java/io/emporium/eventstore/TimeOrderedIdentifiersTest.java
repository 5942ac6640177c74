package io.emporium.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

/** Message identifiers are unique, and those made later sort after those made earlier, as text and as numbers. */
class TimeOrderedIdentifiersTest {

    private final AtomicLong now = new AtomicLong(1_764_979_200_000L);
    private final TimeOrderedIdentifiers identifiers = new TimeOrderedIdentifiers(now::get, 0x5DEECE66DL);

    @Test
    void anIdentifierIsAVersion7UuidThatStartsWithTheMillisecondItWasMadeIn() {
        var id = identifiers.next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).as("RFC 9562's variant").isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.get());
        assertThat(UUID.fromString(identifiers.generateIdentifier())).isNotNull();
    }

    @Test
    void identifiersMadeInALaterMillisecondSortAfterEarlierOnesAsText() {
        var earlier = identifiers.generateIdentifier();
        now.addAndGet(1);
        var later = identifiers.generateIdentifier();
        now.addAndGet(86_400_000L * 365 * 30);
        var muchLater = identifiers.generateIdentifier();

        assertThat(earlier).isLessThan(later);
        assertThat(later).isLessThan(muchLater);
    }

    @Test
    void identifiersMadeInOneMillisecondAreStillUnique() {
        var seen = new HashSet<String>();
        for (var i = 0; i < 200_000; i++) {
            seen.add(identifiers.generateIdentifier());
        }

        assertThat(seen).hasSize(200_000);
    }

    @Test
    void axonMakesItsMessageIdentifiersHere() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifiers.class);
        assertThat(UUID.fromString(IdentifierFactory.getInstance().generateIdentifier()).version()).isEqualTo(7);
    }
}
