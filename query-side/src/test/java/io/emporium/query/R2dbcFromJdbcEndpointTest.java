package io.emporium.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class R2dbcFromJdbcEndpointTest {

    private final R2dbcFromJdbcEndpoint postProcessor = new R2dbcFromJdbcEndpoint();

    @Test
    void theQuerySideReadsTheDatabaseNamedByTheJdbcEndpoint() {
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:5433/shop?sslmode=require")
                .withProperty("spring.datasource.username", "emporium")
                .withProperty("spring.datasource.password", "secret");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.r2dbc.url"))
                .isEqualTo("r2dbc:postgresql://db.internal:5433/shop?sslmode=require");
        assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("emporium");
        assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo("secret");
    }

    @Test
    void anExplicitR2dbcEndpointWins() {
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://a/shop")
                .withProperty("spring.r2dbc.url", "r2dbc:postgresql://b/shop");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://b/shop");
    }

    @Test
    void credentialsInTheJdbcUrlBecomeTheR2dbcCredentials() {
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url",
                        "jdbc:postgresql://localhost:40547/postgres?user=postgres&sslmode=disable&password=p%26w");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.r2dbc.url"))
                .isEqualTo("r2dbc:postgresql://localhost:40547/postgres?sslmode=disable");
        assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("postgres");
        assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo("p&w");
    }

    @Test
    void credentialsGivenOnTheirOwnWinOverTheUrls() {
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://localhost/postgres?user=postgres")
                .withProperty("spring.datasource.username", "emporium");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://localhost/postgres");
        assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("emporium");
    }
}
