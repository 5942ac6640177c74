package io.emporium.query.catalog;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.emporium.contracts.catalog.ProductViewChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The hot catalog: product pages kept in memory (cache-aside), bounded in size and age, and evicted as soon as the
 * product index shows a change to them: the product-search projection announces each {@link ProductViewChanged} to
 * every instance when the batch that wrote it commits ({@link ProductCacheEviction}).
 *
 * <p>It is an {@link AsyncCache} so that eviction also discards a load still in flight: a load that read the old
 * document completes for the requests already waiting on it, but is never stored, and every later request loads
 * anew.
 *
 * <p>Metrics: {@code cache.gets} (hits and misses), {@code cache.evictions} (by size or age), {@code cache.size},
 * {@code cache.hit.ratio} and {@code cache.invalidations} (by changes), all tagged {@code cache=product-detail}.
 */
@Component
class ProductDetailCache {

    private static final String NAME = "product-detail";

    private final AsyncCache<String, byte[]> pages;
    private final @Nullable Counter invalidations;

    ProductDetailCache(ProductCacheProperties settings, ObjectProvider<MeterRegistry> registries) {
        pages = Caffeine.newBuilder().maximumSize(settings.maximumSize()).expireAfterWrite(settings.timeToLive())
                .recordStats().buildAsync();
        var registry = registries.getIfAvailable();
        if (registry == null) {
            invalidations = null;
            return;
        }
        CaffeineCacheMetrics.monitor(registry, pages, NAME);
        Gauge.builder("cache.hit.ratio", pages, cache -> cache.synchronous().stats().hitRate())
                .tag("cache", NAME).description("Share of product page reads answered from memory")
                .register(registry);
        invalidations = Counter.builder("cache.invalidations").tag("cache", NAME)
                .description("Product pages dropped because the product changed").register(registry);
    }

    /**
     * The cached page, or the one {@code load} finds, kept unless the product changes meanwhile; none is kept. A
     * page is kept as the JSON a reader is sent, written once when it is loaded: Jackson's encoder and the choice
     * of it showed in 5-6 % of the engine's CPU samples each while it served cached pages (issue 4's note).
     */
    Mono<byte[]> get(String sku, Function<String, Mono<byte[]>> load) {
        // A cancelled request must not cancel a load other requests wait on.
        return Mono.fromFuture(() -> pages.get(sku, (key, executor) -> load.apply(key).toFuture()), true);
    }

    /** The product changed: its page is loaded anew, also by a load that began before. */
    void invalidate(String sku) {
        pages.synchronous().invalidate(sku);
        if (invalidations != null) {
            invalidations.increment();
        }
    }

    /** Any product may have changed (notices were missed, or a rebuilt index took over): every page is stale. */
    void invalidateAll() {
        pages.synchronous().invalidateAll();
    }
}
