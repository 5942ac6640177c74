package io.emporium.command.order;

import io.emporium.command.messaging.FamilyTargetResolver;
import io.emporium.contracts.order.OrderCommand;
import org.axonframework.modelling.command.CommandTargetResolver;
import io.emporium.eventstore.BoundedCache;
import java.time.Duration;
import org.axonframework.common.caching.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Routes order commands by the family's own accessor, so the contracts stay free of framework annotations. */
@Configuration(proxyBeanMethods = false)
class OrderRouting {

    /** Enough for every SKU of a large shop, or the orders of the last minutes of checkout traffic. */
    private static final long CACHED_AGGREGATES = 10_000;
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
        return new BoundedCache(CACHED_AGGREGATES, Duration.ofMinutes(10));
    }
}
