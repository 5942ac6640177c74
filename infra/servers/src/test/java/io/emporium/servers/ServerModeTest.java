package io.emporium.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerModeTest {

    private static final String ENDPOINT = "SPRING_DATASOURCE_URL";

    @Test
    void anEndpointInTheEnvironmentIsUsedAsItIsWhateverElseIsAsked() {
        var env = Map.of(ENDPOINT, "jdbc:postgresql://db:5432/shop", "EMPORIUM_SERVERS", "embedded");
        assertThat(ServerMode.decide(env, "containers", ENDPOINT)).isEqualTo(ServerMode.EXTERNAL);
    }

    @Test
    void aSystemPropertyForcesTheModeOfServersWithoutEndpoint() {
        assertThat(ServerMode.decide(Map.of("EMPORIUM_SERVERS", "containers"), "embedded", ENDPOINT))
                .isEqualTo(ServerMode.EMBEDDED);
    }

    @Test
    void theEnvironmentVariableForcesTheModeWhenNoPropertyIsSet() {
        assertThat(ServerMode.decide(Map.of("EMPORIUM_SERVERS", "Embedded"), null, ENDPOINT))
                .isEqualTo(ServerMode.EMBEDDED);
    }

    @Test
    void withoutEndpointOrChoiceAMachineWithoutDockerGetsEmbeddedServers() {
        // This project's own machines have no Docker engine; where one answers, containers are chosen instead.
        var expected = org.testcontainers.DockerClientFactory.instance().isDockerAvailable()
                ? ServerMode.CONTAINERS : ServerMode.EMBEDDED;
        assertThat(ServerMode.decide(Map.of(), null, ENDPOINT)).isEqualTo(expected);
    }
}
