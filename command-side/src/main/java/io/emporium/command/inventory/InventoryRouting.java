package io.emporium.command.inventory;

import io.emporium.command.messaging.FamilyTargetResolver;
import io.emporium.contracts.inventory.InventoryCommand;
import org.axonframework.modelling.command.CommandTargetResolver;
import io.emporium.eventstore.BoundedCache;
import java.time.Duration;
import org.axonframework.common.caching.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Routes inventory commands to the stock of their SKU. */
@Configuration(proxyBeanMethods = false)
class InventoryRouting {

    /** Enough for every SKU of a large shop, or the orders of the last minutes of checkout traffic. */
    private static final long CACHED_AGGREGATES = 10_000;
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
        return new BoundedCache(CACHED_AGGREGATES, Duration.ofMinutes(10));
    }
}
