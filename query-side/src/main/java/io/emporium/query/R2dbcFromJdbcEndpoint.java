package io.emporium.query;

import java.util.HashMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets an operator name PostgreSQL once: where only the JDBC endpoint (SPRING_DATASOURCE_URL and its credentials)
 * is given, the query side reads the same database through R2DBC. An explicit spring.r2dbc.url always wins.
 */
public class R2dbcFromJdbcEndpoint implements EnvironmentPostProcessor {

    private static final String JDBC_POSTGRES = "jdbc:postgresql:";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var jdbcUrl = environment.getProperty("spring.datasource.url");
        if (environment.containsProperty("spring.r2dbc.url") || jdbcUrl == null
                || !jdbcUrl.startsWith(JDBC_POSTGRES)) {
            return;
        }
        var derived = new HashMap<String, Object>();
        derived.put("spring.r2dbc.url", "r2dbc:postgresql:" + jdbcUrl.substring(JDBC_POSTGRES.length()));
        copy(environment, "spring.datasource.username", "spring.r2dbc.username", derived);
        copy(environment, "spring.datasource.password", "spring.r2dbc.password", derived);
        environment.getPropertySources().addLast(new MapPropertySource("r2dbcFromJdbcEndpoint", derived));
    }

    private static void copy(ConfigurableEnvironment environment, String from, String to,
                             HashMap<String, Object> target) {
        var value = environment.getProperty(from);
        if (value != null && !environment.containsProperty(to)) {
            target.put(to, value);
        }
    }
}
