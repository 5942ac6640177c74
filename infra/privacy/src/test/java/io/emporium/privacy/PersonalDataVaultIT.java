package io.emporium.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emporium.contracts.customer.Address;
import io.emporium.contracts.customer.CustomerProfile;
import io.emporium.contracts.customer.SealedData;
import io.emporium.servers.EmbeddedServers;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/** Personal data sealed per person on a real PostgreSQL: readable by its key, gone with it. */
class PersonalDataVaultIT {

    private static final String OLD_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW_KEY = Base64.getEncoder().encodeToString("n".repeat(32).getBytes());
    private static final CustomerProfile ADA = new CustomerProfile("ada@example.org", "Ada Lovelace");

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void realDatabase() {
        var postgres = EmbeddedServers.get().postgres();
        var dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    private static PersonalDataVault vault(String activeKey) {
        return new PersonalDataVault(jdbc, new PrivacyProperties(Map.of("2025", OLD_KEY, "2026", NEW_KEY),
                activeKey), JsonMapper.builder().build());
    }

    @Test
    void sealedDataOpensWithThePersonsKeyAndShowsNothingInTheClear() {
        var subject = UUID.randomUUID().toString();
        var sealed = vault("2026").seal(subject, ADA);

        assertThat(sealed.ciphertext()).doesNotContain("ada").doesNotContain("Lovelace");
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()))).doesNotContain("ada@example.org");
        assertThat(vault("2026").open(sealed, CustomerProfile.class)).contains(ADA);
    }

    @Test
    void equalDataOfOnePersonHasEqualFingerprintsAndOtherDataAnother() {
        var subject = UUID.randomUUID().toString();
        var vault = vault("2026");
        var home = new Address("Ada Lovelace", "12 St James's Square", null, "SW1Y 4JH", "London", "GB");

        assertThat(vault.seal(subject, home).fingerprint()).isEqualTo(vault.seal(subject, home).fingerprint());
        assertThat(vault.seal(subject, home).ciphertext()).isNotEqualTo(vault.seal(subject, home).ciphertext());
        assertThat(vault.seal(subject, ADA).fingerprint()).isNotEqualTo(vault.seal(subject, home).fingerprint());
    }

    @Test
    void erasingAPersonMakesEveryCopyOfTheirDataUnreadable() {
        var subject = UUID.randomUUID().toString();
        var vault = vault("2026");
        var sealed = vault.seal(subject, ADA);

        assertThat(vault.erase(subject)).isTrue();
        assertThat(vault.open(sealed, CustomerProfile.class)).isEmpty();
    }

    @Test
    void dataKeysWrappedByAnEarlierMasterKeyStayReadableAfterRotation() {
        var subject = UUID.randomUUID().toString();
        var sealedIn2025 = vault("2025").seal(subject, ADA);

        assertThat(vault("2026").open(sealedIn2025, CustomerProfile.class)).contains(ADA);
    }

    @Test
    void dataMovedToAnotherPersonOrAlteredFailsItsIntegrityCheck() {
        var ada = UUID.randomUUID().toString();
        var bob = UUID.randomUUID().toString();
        var vault = vault("2026");
        var sealed = vault.seal(ada, ADA);
        vault.seal(bob, ADA);

        assertThatThrownBy(() -> vault.open(new SealedData(bob, sealed.fingerprint(), sealed.ciphertext()),
                CustomerProfile.class)).hasMessageContaining("integrity");
        var bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(new SealedData(ada, sealed.fingerprint(),
                Base64.getEncoder().encodeToString(bytes)), CustomerProfile.class)).hasMessageContaining("integrity");
    }
}
