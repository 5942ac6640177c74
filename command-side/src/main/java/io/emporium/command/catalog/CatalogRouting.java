package io.emporium.command.catalog;

import io.emporium.command.messaging.FamilyTargetResolver;
import io.emporium.contracts.catalog.CatalogCommand;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Routes catalog commands to the product named by their SKU. */
@Configuration(proxyBeanMethods = false)
class CatalogRouting {

    static final String TARGET_RESOLVER = "catalogTargetResolver";

    @Bean(TARGET_RESOLVER)
    CommandTargetResolver catalogTargetResolver() {
        return new FamilyTargetResolver<>(CatalogCommand.class, command -> Product.idOf(command.sku()));
    }
}
