package io.emporium.command;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The command role: on unless {@code emporium.roles.command.enabled=false}, so one process can run it alone. */
@AutoConfiguration
@ConditionalOnProperty(name = "emporium.roles.command.enabled", havingValue = "true", matchIfMissing = true)
@ComponentScan
@ConfigurationPropertiesScan
@EnableScheduling
public class CommandSideAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
