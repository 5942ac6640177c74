package io.emporium.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The order views store moments rounded half up to microseconds, as the JDBC driver sends them. */
class StoredMomentsTest {

    @Test
    void halfAMicrosecondRoundsUpAsTheDriverRoundsIt() {
        assertThat(OrderViewProjection.stored(Instant.parse("2026-12-02T10:15:30.123456500Z")))
                .isEqualTo(Instant.parse("2026-12-02T10:15:30.123457Z"));
        assertThat(OrderViewProjection.stored(Instant.parse("2026-12-02T10:15:30.123456499Z")))
                .isEqualTo(Instant.parse("2026-12-02T10:15:30.123456Z"));
    }
}
