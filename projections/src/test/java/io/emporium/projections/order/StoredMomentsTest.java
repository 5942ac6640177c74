package io.emporium.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The order views store moments rounded half up to microseconds, as the JDBC driver sends them, whether they come
 * as an Instant or as the event table's text.
 */
class StoredMomentsTest {

    @Test
    void halfAMicrosecondRoundsUpAsTheDriverRoundsIt() {
        assertThat(OrderViewProjection.stored(Instant.parse("2026-12-02T10:15:30.123456500Z")))
                .isEqualTo(Instant.parse("2026-12-02T10:15:30.123457Z"));
        assertThat(OrderViewProjection.stored("2026-12-02T10:15:30.123456500Z"))
                .isEqualTo("2026-12-02T10:15:30.123457Z");
        assertThat(OrderViewProjection.stored("2026-12-02T10:15:30.123456499Z"))
                .isEqualTo("2026-12-02T10:15:30.123456Z");
    }

    @Test
    void textRoundsToTheSameMomentAsTheInstant() {
        for (var text : new String[] {"2026-12-02T10:15:30Z", "2026-12-02T10:15:30.1Z", "2026-12-02T10:15:30.123456Z",
                "2026-12-02T10:15:30.999999999Z", "2026-12-02T10:15:30.0000005Z", "2026-12-02T10:15:30.000099951Z",
                "2026-12-02T23:59:59.9999996Z"}) {
            assertThat(Instant.parse(OrderViewProjection.stored(text)))
                    .as(text).isEqualTo(OrderViewProjection.stored(Instant.parse(text)));
        }
    }
}
