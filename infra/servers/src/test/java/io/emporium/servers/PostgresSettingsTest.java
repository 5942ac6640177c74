package io.emporium.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void noPropertyMeansTheDefaultsEveryTestAndTheBenchUse() {
        assertThat(EmbeddedServers.postgresSettings("")).isEmpty();
    }

    @Test
    void pairsAreReadInOrderWithSpacesTrimmed() {
        assertThat(EmbeddedServers.postgresSettings("wal_level=logical, max_wal_senders = 4"))
                .containsExactly(java.util.Map.entry("wal_level", "logical"),
                        java.util.Map.entry("max_wal_senders", "4"));
    }

    @Test
    void aPairWithoutNameIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> EmbeddedServers.postgresSettings("wal_level")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("wal_level");
    }
}
