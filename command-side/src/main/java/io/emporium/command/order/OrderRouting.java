package io.emporium.command.order;

import io.emporium.command.messaging.FamilyTargetResolver;
import io.emporium.contracts.order.OrderCommand;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Routes order commands by the family's own accessor, so the contracts stay free of framework annotations. */
@Configuration(proxyBeanMethods = false)
class OrderRouting {

    static final String CACHE = "orderCache";
    static final String TARGET_RESOLVER = "orderTargetResolver";

    @Bean(TARGET_RESOLVER)
    CommandTargetResolver orderTargetResolver() {
        return new FamilyTargetResolver<>(OrderCommand.class, OrderCommand::orderId);
    }

    /**
     * The checkout process moves an order along moments after it was placed; keeping it spares reloading its
     * stream for each step. An append on stale state still fails on the stream's unique version, so the cache
     * is never trusted over the store.
     */
    @Bean(CACHE)
    Cache orderCache() {
        return new WeakReferenceCache();
    }
}
