package io.emporium.command.inventory;

import io.emporium.command.messaging.FamilyTargetResolver;
import io.emporium.contracts.inventory.InventoryCommand;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Routes inventory commands to the stock of their SKU. */
@Configuration(proxyBeanMethods = false)
class InventoryRouting {

    static final String TARGET_RESOLVER = "inventoryTargetResolver";

    @Bean(TARGET_RESOLVER)
    CommandTargetResolver inventoryTargetResolver() {
        return new FamilyTargetResolver<>(InventoryCommand.class, command -> Stock.idOf(command.sku()));
    }
}
