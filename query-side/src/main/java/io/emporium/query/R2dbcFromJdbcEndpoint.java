package io.emporium.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets an operator name PostgreSQL once: where only the JDBC endpoint (SPRING_DATASOURCE_URL and its credentials)
 * is given, the query side reads the same database through R2DBC. An explicit spring.r2dbc.url always wins.
 * Credentials in the JDBC URL's query (PgJDBC accepts {@code ?user=…&password=…}, R2DBC refuses them there) become
 * the R2DBC credentials unless the username and password are given on their own; other options stay in the URL.
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
        var query = jdbcUrl.indexOf('?');
        var address = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        var options = new ArrayList<String>();
        if (query >= 0) {
            for (var option : jdbcUrl.substring(query + 1).split("&")) {
                var name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
                var value = URLDecoder.decode(option.substring(name.length() + (option.contains("=") ? 1 : 0)),
                        StandardCharsets.UTF_8);
                switch (name) {
                    case "user" -> derived.put("spring.r2dbc.username", value);
                    case "password" -> derived.put("spring.r2dbc.password", value);
                    default -> {
                        if (!option.isEmpty()) {
                            options.add(option);
                        }
                    }
                }
            }
        }
        derived.put("spring.r2dbc.url", "r2dbc:postgresql:" + address.substring(JDBC_POSTGRES.length())
                + (options.isEmpty() ? "" : "?" + String.join("&", options)));
        copy(environment, "spring.datasource.username", "spring.r2dbc.username", derived);
        copy(environment, "spring.datasource.password", "spring.r2dbc.password", derived);
        environment.getPropertySources().addLast(new MapPropertySource("r2dbcFromJdbcEndpoint", derived));
    }

    private static void copy(ConfigurableEnvironment environment, String from, String to,
                             HashMap<String, Object> target) {
        var value = environment.getProperty(from);
        if (value != null && !environment.containsProperty(to)) { // given on its own, it wins over the URL's
            target.put(to, value);
        }
    }
}
