package io.emporium.privacy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The vault of personal data, for whichever role handles it. */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration")
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyAutoConfiguration {

    @Bean
    PersonalDataVault personalDataVault(JdbcTemplate jdbc, PrivacyProperties properties, JsonMapper json) {
        return new PersonalDataVault(jdbc, properties, json);
    }
}
