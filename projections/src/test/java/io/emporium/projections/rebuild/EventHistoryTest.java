package io.emporium.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a rebuild splits the history among its parallel parts, and which events' rows its parts read. */
class EventHistoryTest {

    @Test
    void thePartsCoverEveryPositionUpToPOnceEachAndNoMore() {
        assertThat(EventHistory.parts(0, 1_000_001, 2)).containsExactly(new long[] {0, 500_001},
                new long[] {500_001, 1_000_001});
        assertThat(EventHistory.parts(0, 10, 3)).containsExactly(new long[] {0, 4}, new long[] {4, 8},
                new long[] {8, 10});
    }

    @Test
    void aShortHistoryIsOnePartAndAnEmptyOneNone() {
        assertThat(EventHistory.parts(0, 1, 4)).containsExactly(new long[] {0, 1});
        assertThat(EventHistory.parts(0, 0, 4)).isEmpty();
    }

    @Test
    void eventsStoredBelowTheSequenceAreReadFromTheFirstOfThem() {
        assertThat(EventHistory.parts(-1_001, 999, 2)).containsExactly(new long[] {-1_001, -1},
                new long[] {-1, 999});
    }

    @Test
    void theTypesReadAreWrittenOutAsTheNamesTheEventTableStores() {
        assertThat(EventHistory.oneOf(Set.of(OrderPlaced.class)))
                .isEqualTo("payload_type in ('io.emporium.contracts.order.OrderEvent$OrderPlaced')");
        assertThat(EventHistory.oneOf(Set.of())).isEqualTo("false");
    }

    @Test
    void aTypeWhoseNameIsNoClassNameIsRefusedRatherThanWrittenIntoTheStatement() {
        Runnable hidden = () -> { };

        assertThatIllegalArgumentException().isThrownBy(() -> EventHistory.oneOf(Set.of(hidden.getClass())))
                .withMessageContaining("not a class name");
    }
}
