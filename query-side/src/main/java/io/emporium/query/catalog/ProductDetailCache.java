package io.emporium.query.catalog;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.emporium.contracts.catalog.ProductViewChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot catalog: product pages kept in memory, read from the product index when missing, refreshed in the
 * background once they are older than the refresh age while readers are still answered from memory, bounded in size
 * and age, and evicted as soon as the product index shows a change to them: the product-search projection announces
 * each {@link ProductViewChanged} to every instance when the batch that wrote it commits
 * ({@link ProductCacheEviction}).
 *
 * <p>An eviction also discards a load or a refresh still in flight: one that read the old document completes for the
 * requests already waiting on it, but is never stored, and every later request loads anew.
 *
 * <p>Pages are read from the index by {@link BatchedPageLoads}: pages wanted together, such as the ones loaded together
 * coming due for refresh together, are read with a few requests rather than one each.
 *
 * <p>Metrics: {@code cache.gets} (hits and misses), {@code cache.evictions} (by size or age), {@code cache.size},
 * {@code cache.hit.ratio}, {@code cache.invalidations} (by changes) and {@code cache.batch.size} (products per read
 * of the index), all tagged {@code cache=product-detail}.
 */
@Component
class ProductDetailCache {

    private static final String NAME = "product-detail";
    /** Products read with one request at most, when many pages are wanted at once. */
    private static final int BATCH_SIZE = 100;
    /** Reads of the product index under way at once before further pages wait to be read together. */
    private static final int CONCURRENT_READS = 4;
    /** Refreshes are let through a tenth of a second at a time, so that those let through together share reads. */
    private static final Duration PACING_WINDOW = Duration.ofMillis(100);

    private final AsyncLoadingCache<String, byte[]> pages;
    private final @Nullable Counter invalidations;

    /**
     * A page is kept as the JSON a reader is sent, written once when it is loaded: Jackson's encoder and the choice
     * of it showed in 5-6 % of the engine's CPU samples each while it served cached pages (issue 4's note).
     */
    @Autowired
    ProductDetailCache(ProductCacheProperties settings, ProductIndexReader index, JsonMapper json,
                       ObjectProvider<MeterRegistry> registries) {
        this(settings, skus -> index.pages(skus).map(views -> views.entrySet().stream().collect(
                Collectors.toUnmodifiableMap(Map.Entry::getKey, view -> json.writeValueAsBytes(view.getValue())))),
                registries, Ticker.systemTicker(), Schedulers.parallel());
    }

    /** @param reader the pages as the product index has them now; a product not on sale is missing */
    ProductDetailCache(ProductCacheProperties settings, BatchedPageLoads.Reader reader,
                       ObjectProvider<MeterRegistry> registries, Ticker ticker, Scheduler scheduler) {
        var registry = registries.getIfAvailable();
        var reads = registry == null ? null : DistributionSummary.builder("cache.batch.size").tag("cache", NAME)
                .description("Products read from the product index with one request").register(registry);
        var loads = new BatchedPageLoads(reads == null ? reader : skus -> {
            reads.record(skus.size());
            return reader.apply(skus);
        }, BATCH_SIZE, CONCURRENT_READS);
        var timeToLive = settings.timeToLive();
        var refreshAfter = settings.refreshAfter();
        var maxPerWindow = settings.refreshesPerSecond() / 10;
        var refreshes = new RefreshPacing(PACING_WINDOW, () -> refreshesPerWindow(
                ProductDetailCache.this.pages.synchronous().estimatedSize(), refreshAfter, maxPerWindow), scheduler,
                loads::together);
        pages = Caffeine.newBuilder().maximumSize(settings.maximumSize())
                .refreshAfterWrite(refreshAfter)
                .expireAfter(Expiry.<String, byte[]>writing((sku, page) -> lifetime(timeToLive)))
                .ticker(ticker).recordStats()
                // The cache's upkeep (draining its read buffer, its expiry wheel) runs on the thread that triggers
                // it, instead of being handed to the common ForkJoinPool; a reader only tries the cache's lock and
                // never waits for it. The hand-offs and that pool's worker took 2.2 % of the engine's CPU samples at
                // 23,000 pages/s, the upkeep itself 0.7 % (async-profiler; session note of 2026-12-06), and the
                // worker was one more thread wanting a core beside the event loops.
                .executor(Runnable::run)
                .buildAsync(new AsyncCacheLoader<String, byte[]>() {
                    @Override
                    public CompletableFuture<byte @Nullable []> asyncLoad(String sku, Executor executor) {
                        return loads.load(sku);
                    }

                    @Override
                    public CompletableFuture<byte @Nullable []> asyncReload(String sku, byte[] page,
                                                                             Executor executor) {
                        return refreshes.start(() -> loads.load(sku));
                    }
                });
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
     * Refreshes let start in one pacing window: every page held refreshed within two thirds of the refresh age, so
     * that pages that came due together are refreshed over that time, not at the configured rate's full pace. Once
     * spread so, they come due spread the next time too, at about the pace let through. With the rate alone (200 a
     * second), 1,000 pages read at 23,000/s that came due together each minute took 5 s of refreshes, in which the
     * machine had no core to spare: page steps of 15 s had p99 5.8-390 ms, median 38 (8 steps); so spread,
     * 3.2-41.6 ms, median 5.4; without refreshes 5.0-6.6 ms (throwaway driver, session note of 2026-12-06).
     */
    static int refreshesPerWindow(long pagesHeld, Duration refreshAfter, int maxPerWindow) {
        var windows = Math.max(1, refreshAfter.toNanos() * 2 / 3 / PACING_WINDOW.toNanos());
        return Math.clamp(Math.ceilDiv(pagesHeld, windows), 1, Math.max(1, maxPerWindow));
    }

    /**
     * Somewhere in the last quarter of the time to live, drawn for each page. Pages loaded together (a shop's
     * bestsellers after a start, or after a resync) would otherwise expire together, and every reader of them would
     * wait on the same burst of loads. 50 pages read 7,000 times a second, open model, 15 s runs: with one lifetime
     * for all, the runs that held the burst had p99 20.8 and 68.2 ms (max 149 and 291 ms); with lifetimes drawn
     * like this, p99 3.6-5.2 ms (max 19-50 ms) in every run (issue 4's note of 2026-12-05 has the driver).
     */
    private static Duration lifetime(Duration timeToLive) {
        return timeToLive.minusNanos(ThreadLocalRandom.current().nextLong(timeToLive.toNanos() / 4 + 1));
    }

    /** The product's page, from memory when it is there; empty for a product that is not on sale. */
    Mono<byte[]> get(String sku) {
        // A cancelled request must not cancel a load other requests wait on.
        return Mono.fromFuture(() -> pages.get(sku), true);
    }

    /**
     * The product's page if memory holds it now; null if it must be loaded first or the product is not on sale, for
     * {@link #get} to answer. A read all the same: it counts as a hit, and a page past its refresh age is refreshed.
     */
    byte @Nullable [] cached(String sku) {
        var page = pages.getIfPresent(sku);
        return page == null || !page.isDone() || page.isCompletedExceptionally() ? null : page.getNow(null);
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
