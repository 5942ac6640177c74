package io.emporium.command.inventory;

import io.emporium.command.messaging.FamilyTargetResolver;
import io.emporium.contracts.inventory.InventoryCommand;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Routes inventory commands to the stock of their SKU. */
@Configuration(proxyBeanMethods = false)
class InventoryRouting {

    static final String CACHE = "stockCache";
    static final String TARGET_RESOLVER = "inventoryTargetResolver";

    @Bean(TARGET_RESOLVER)
    CommandTargetResolver inventoryTargetResolver() {
        return new FamilyTargetResolver<>(InventoryCommand.class, command -> Stock.idOf(command.sku()));
    }

    /**
     * A hot SKU's stream grows with every order: reloading it for each reservation costs time in proportion to its
     * history. Cached stock is only a head start: an append on stale state still fails on the stream's unique
     * version (another instance wrote first), the cache entry is dropped with the rolled-back unit of work, and the
     * request is retried on fresh state.
     */
    @Bean(CACHE)
    Cache stockCache() {
        return new WeakReferenceCache();
    }
}
