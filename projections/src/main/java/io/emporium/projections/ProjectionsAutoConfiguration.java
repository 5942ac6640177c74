package io.emporium.projections;

import io.emporium.eventstore.ReadModelTransactions;
import java.util.Arrays;
import java.util.Objects;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.jdbc.core.JdbcTemplate;

/** The projections role: on unless {@code emporium.roles.projections.enabled=false}. */
@AutoConfiguration
@ConditionalOnProperty(name = "emporium.roles.projections.enabled", havingValue = "true", matchIfMissing = true)
@ComponentScan
@ConfigurationPropertiesScan
public class ProjectionsAutoConfiguration {

    /**
     * Every processor of this module builds a read model and nothing else, so its commits need not wait for the
     * write-ahead log (see {@link ReadModelTransactions}).
     */
    @Bean
    ConfigurerModule readModelCommits(ListableBeanFactory beans, TransactionManager transactions, JdbcTemplate jdbc) {
        var module = ProjectionsAutoConfiguration.class.getPackageName();
        var processors = Arrays.stream(beans.getBeanNamesForAnnotation(ProcessingGroup.class))
                .filter(name -> {
                    var type = beans.getType(name);
                    return type != null && type.getPackageName().startsWith(module);
                })
                .map(name -> Objects.requireNonNull(beans.findAnnotationOnBean(name, ProcessingGroup.class)).value())
                .distinct()
                .toList();
        return configurer -> processors.forEach(processor -> configurer.eventProcessing()
                .registerTransactionManager(processor, config -> new ReadModelTransactions(transactions, jdbc)));
    }
}
