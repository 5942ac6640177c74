package io.emporium.projections.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.projections.stream.ExportedPositions.Position;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

/**
 * Which events a committed export position says were published: those at or below its index that were not gaps
 * when the batch committed, whatever gaps the retried batch's tokens carry.
 */
class ExportedPositionTest {

    /** Exported up to position 100 while 95 was still uncommitted. */
    private final Position exported = new Position(100, List.of(95L));

    @Test
    void knowsAnEventAboveAGapThatFilledSinceAsExported() {
        var tokenOnRetry = GapAwareTrackingToken.newInstance(96, Set.of()); // 95 committed in the meantime

        assertThat(exported.covers(96L, tokenOnRetry)).isTrue();
    }

    @Test
    void knowsTheEventThatFilledTheGapAsNotExported() {
        var tokenOnRetry = GapAwareTrackingToken.newInstance(95, Set.of());

        assertThat(exported.covers(95L, tokenOnRetry)).isFalse();
    }

    @Test
    void knowsAnEventBeyondThePositionAsNotExported() {
        var token = GapAwareTrackingToken.newInstance(101, Set.of());

        assertThat(exported.covers(101L, token)).isFalse();
    }

    @Test
    void comparesTokensForALateEventWhoseIndexIsUnknown() {
        var filledTheGap = GapAwareTrackingToken.newInstance(100, Set.of());
        var alreadySeen = GapAwareTrackingToken.newInstance(100, Set.of(95L));

        assertThat(exported.covers(null, filledTheGap)).isFalse();
        assertThat(exported.covers(null, alreadySeen)).isTrue();
    }
}
