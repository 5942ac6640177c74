package io.emporium.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CorrelationIdsTest {

    @Test
    void aNewCorrelationIdIsARandomUuidUnlikeAnyOther() {
        var ids = new HashSet<String>();
        IntStream.range(0, 100_000).forEach(i -> ids.add(CorrelationIds.newId()));

        assertThat(ids).hasSize(100_000).allSatisfy(id -> {
            var uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
        });
    }
}
