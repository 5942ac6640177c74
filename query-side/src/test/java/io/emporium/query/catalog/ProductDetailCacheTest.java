package io.emporium.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.catalog.ProductView;
import io.emporium.contracts.money.Money;
import io.emporium.query.freshness.ChangeNotices.Change;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

class ProductDetailCacheTest {

    private final MeterRegistry metrics = new SimpleMeterRegistry();
    /** What the product index answers for a SKU at this moment; nothing for a product not on sale. */
    private final Map<String, Mono<byte[]>> index = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    /** When paced refreshes start. */
    private final VirtualTimeScheduler pacing = VirtualTimeScheduler.create();
    private final ProductDetailCache cache = cache(Duration.ofMinutes(1), Duration.ofMinutes(10), true);

    private ProductDetailCache cache(Duration refreshAfter, Duration timeToLive, boolean measured) {
        var registries = new StaticListableBeanFactory(measured ? Map.of("registry", metrics) : Map.of());
        return new ProductDetailCache(new ProductCacheProperties(1_000, refreshAfter, timeToLive, 200),
                skus -> Flux.fromIterable(skus).flatMap(sku -> Mono.defer(() -> {
                    loads.incrementAndGet();
                    return index.getOrDefault(sku, Mono.empty()).map(page -> Map.entry(sku, page));
                })).collectMap(Map.Entry::getKey, Map.Entry::getValue),
                registries.getBeanProvider(MeterRegistry.class), now::get, pacing);
    }

    private static byte[] priced(long minorUnits, long position) {
        return JsonMapper.shared().writeValueAsBytes(new ProductView("SKU-MUG", "Mug", "Stoneware", "kitchen",
                Map.of(), Money.of(minorUnits, "EUR"), 3, true, "ACTIVE", position));
    }

    private static long position(byte[] page) {
        return JsonMapper.shared().readValue(page, ProductView.class).position();
    }

    private void indexHas(String sku, long minorUnits, long position) {
        index.put(sku, Mono.just(priced(minorUnits, position)));
    }

    /** That many products' pages, all read at this moment at position 1. */
    private List<String> pagesLoadedTogether(ProductDetailCache into, int products) {
        var skus = IntStream.range(0, products).mapToObj(i -> "SKU-" + i).toList();
        skus.forEach(sku -> indexHas(sku, 1_250, 1));
        skus.forEach(sku -> into.get(sku).block());
        return skus;
    }

        private void later(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aPageIsLoadedOnceAndThenServedFromMemory() {
        indexHas("SKU-MUG", 1_250, 1);
        assertThat(cache.get("SKU-MUG").block()).isEqualTo(priced(1_250, 1));
        indexHas("SKU-MUG", 999, 2);
        assertThat(cache.get("SKU-MUG").block()).isEqualTo(priced(1_250, 1));

        assertThat(loads).hasValue(1);
        assertThat(metrics.get("cache.hit.ratio").tag("cache", "product-detail").gauge().value()).isEqualTo(0.5);
    }

    @Test
    void aChangedProductIsLoadedAnew() {
        indexHas("SKU-MUG", 1_250, 1);
        cache.get("SKU-MUG").block();
        indexHas("SKU-MUG", 990, 2);

        cache.invalidate("SKU-MUG");

        assertThat(cache.get("SKU-MUG").block()).isEqualTo(priced(990, 2));
        assertThat(metrics.get("cache.invalidations").tag("cache", "product-detail").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aLoadInFlightWhenTheProductChangesIsNeverKept() {
        var slowLoad = Sinks.<byte[]>one();
        index.put("SKU-MUG", slowLoad.asMono());
        var firstReader = cache.get("SKU-MUG").toFuture();

        cache.invalidate("SKU-MUG");
        slowLoad.tryEmitValue(priced(1_250, 1));
        indexHas("SKU-MUG", 990, 2);

        assertThat(firstReader.join()).isEqualTo(priced(1_250, 1));
        assertThat(cache.get("SKU-MUG").block()).isEqualTo(priced(990, 2));
    }

    /** The mug's page, read at price 1,250, is past its refresh age; the index answers the next read when told. */
    private Sinks.One<byte[]> mugPastItsRefreshAgeWithTheIndexAnsweringLater() {
        indexHas("SKU-MUG", 1_250, 1);
        cache.get("SKU-MUG").block();
        var answer = Sinks.<byte[]>one();
        index.put("SKU-MUG", answer.asMono());
        later(Duration.ofSeconds(61));
        return answer;
    }

    @Test
    void aPageOlderThanItsRefreshAgeIsServedFromMemoryWhileItIsReadAgain() {
        var refresh = mugPastItsRefreshAgeWithTheIndexAnsweringLater();

        assertThat(cache.get("SKU-MUG").block()).isEqualTo(priced(1_250, 1));
        refreshesOfTheNextWindowStart();
        assertThat(cache.get("SKU-MUG").block()).isEqualTo(priced(1_250, 1));
        refresh.tryEmitValue(priced(1_250, 2));

        assertThat(position(cache.get("SKU-MUG").block())).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    /** A refresh waits for the start of the next pacing window, where it starts with the others given it. */
    private void refreshesOfTheNextWindowStart() {
        pacing.advanceTimeBy(Duration.ofMillis(100));
    }

    @Test
    void aRefreshInFlightWhenTheProductChangesIsNeverKept() {
        var staleRefresh = mugPastItsRefreshAgeWithTheIndexAnsweringLater();
        cache.get("SKU-MUG").block();
        refreshesOfTheNextWindowStart();

        cache.invalidate("SKU-MUG");
        staleRefresh.tryEmitValue(priced(1_250, 1));
        indexHas("SKU-MUG", 990, 2);

        assertThat(cache.get("SKU-MUG").block()).isEqualTo(priced(990, 2));
    }

    @Test
    void aProductTakenOffSaleIsDroppedByItsRefresh() {
        indexHas("SKU-MUG", 1_250, 1);
        cache.get("SKU-MUG").block();
        index.remove("SKU-MUG");
        later(Duration.ofSeconds(61));
        cache.get("SKU-MUG").block();
        refreshesOfTheNextWindowStart();

        assertThat(cache.get("SKU-MUG").block()).isNull();
    }

    @Test
    void pagesLoadedTogetherExpireSpreadOverTheLastQuarterOfTheirTimeToLive() {
        var timed = cache(Duration.ofHours(1), Duration.ofMinutes(1), false);
        var skus = pagesLoadedTogether(timed, 200);
        skus.forEach(sku -> indexHas(sku, 1_250, 2));

        later(Duration.ofSeconds(44));
        skus.forEach(sku -> timed.get(sku).block());
        assertThat(loads).hasValue(200);

        later(Duration.ofSeconds(8));
        skus.forEach(sku -> timed.get(sku).block());
        assertThat(loads.get() - 200).isBetween(1, 199);

        // No page outlives its time to live: the ones first loaded at 0 s are all gone at 60 s.
        later(Duration.ofSeconds(8).plusNanos(1));
        assertThat(skus).allSatisfy(sku -> assertThat(position(timed.get(sku).block())).isEqualTo(2));
    }

    @Test
    void pagesComingDueTogetherAreRefreshedWithAFewReadsOfTheIndex() {
        var skus = pagesLoadedTogether(cache, 300);
        var indexBusy = Sinks.empty();
        skus.forEach(sku -> index.put(sku, indexBusy.asMono().then(Mono.just(priced(1_250, 2)))));
        later(Duration.ofSeconds(61));

        assertThat(skus).allSatisfy(sku -> assertThat(position(cache.get(sku).block())).isEqualTo(1));
        pacing.advanceTimeBy(Duration.ofSeconds(30));
        indexBusy.tryEmitEmpty();

        assertThat(skus).allSatisfy(sku -> assertThat(position(cache.get(sku).block())).isEqualTo(2));
        // 300 loads alone while the index was idle; then 4 refreshes alone, the other 296 in 3 reads.
        var reads = metrics.get("cache.batch.size").tag("cache", "product-detail").summary();
        assertThat(reads.count()).isEqualTo(300 + 4 + 3);
        assertThat(reads.totalAmount()).isEqualTo(600);
    }

    /** That many pages loaded together at position 1, then read once past their refresh age; the index has 2. */
    private List<String> pagesPastTheirRefreshAgeReadOnce(int products) {
        var skus = pagesLoadedTogether(cache, products);
        skus.forEach(sku -> indexHas(sku, 1_250, 2));
        later(Duration.ofSeconds(61));
        skus.forEach(sku -> cache.get(sku).block());
        return skus;
    }

    @Test
    void pagesComingDueTogetherAreRefreshedOverTwoThirdsOfTheirRefreshAgeWhileReadersAreAnsweredFromMemory() {
        var skus = pagesPastTheirRefreshAgeReadOnce(300);

        // 300 pages over two thirds of a minute: one each tenth of a second from the next one on; the others answered
        // from memory meanwhile.
        assertThat(loads.get() - 300).isZero();
        assertThat(skus.stream().filter(sku -> position(cache.get(sku).block()) == 1)).hasSize(300);
        refreshesOfTheNextWindowStart();
        assertThat(loads.get() - 300).isEqualTo(1);

        pacing.advanceTimeBy(Duration.ofMillis(29_800));
        assertThat(loads.get() - 300).isEqualTo(299);
        pacing.advanceTimeBy(Duration.ofMillis(100));
        assertThat(loads.get() - 300).isEqualTo(300);
        assertThat(skus).allSatisfy(sku -> assertThat(position(cache.get(sku).block())).isEqualTo(2));
    }

    @Test
    void theRefreshesOfOneWindowAreReadWithOneRequest() {
        var skus = pagesPastTheirRefreshAgeReadOnce(1_000);

        // 1,000 pages over 400 windows: three a window, read together.
        refreshesOfTheNextWindowStart();
        var reads = metrics.get("cache.batch.size").tag("cache", "product-detail").summary();
        assertThat(reads.count()).isEqualTo(1_000 + 1);
        assertThat(reads.totalAmount()).isEqualTo(1_000 + 3);
        pacing.advanceTimeBy(Duration.ofSeconds(40));
        assertThat(reads.count()).isEqualTo(1_000 + 334);
        assertThat(skus).allSatisfy(sku -> assertThat(position(cache.get(sku).block())).isEqualTo(2));
    }

    @Test
    void refreshesAreSpreadOverTwoThirdsOfTheRefreshAgeButNeverFasterThanTheConfiguredRate() {
        var minute = Duration.ofMinutes(1);

        // 400 windows of a tenth of a second in 40 s.
        assertThat(ProductDetailCache.refreshesPerWindow(1_000, minute, 20)).isEqualTo(3);
        assertThat(ProductDetailCache.refreshesPerWindow(400, minute, 20)).isEqualTo(1);
        assertThat(ProductDetailCache.refreshesPerWindow(0, minute, 20)).isEqualTo(1);
        assertThat(ProductDetailCache.refreshesPerWindow(100_000, minute, 20)).isEqualTo(20);
    }

    @Test
    void missedNoticesDropEveryPage() {
        indexHas("SKU-MUG", 1_250, 1);
        cache.get("SKU-MUG").block();
        indexHas("SKU-MUG", 990, 2);

        cache.invalidateAll();

        assertThat(cache.get("SKU-MUG").block()).isEqualTo(priced(990, 2));
        assertThat(loads).hasValue(2);
    }

    @Test
    void aNoticeOfAChangedProductDropsItsPageAndNoOther() {
        indexHas("SKU-MUG", 1_250, 1);
        indexHas("SKU-CUP", 700, 1);
        cache.get("SKU-MUG").block();
        cache.get("SKU-CUP").block();
        indexHas("SKU-MUG", 990, 2);
        indexHas("SKU-CUP", 1, 9);

        ProductCacheEviction.follow(Flux.just(new Change.Changed("SKU-MUG", null, 2)), cache);

        assertThat(cache.get("SKU-MUG").block()).isEqualTo(priced(990, 2));
        assertThat(position(cache.get("SKU-CUP").block())).isEqualTo(1L);
    }

    @Test
    void aResyncDropsEveryPage() {
        indexHas("SKU-MUG", 1_250, 1);
        cache.get("SKU-MUG").block();
        indexHas("SKU-MUG", 990, 2);

        ProductCacheEviction.follow(Flux.just(new Change.Resync()), cache);

        assertThat(cache.get("SKU-MUG").block()).isEqualTo(priced(990, 2));
    }

    @Test
    void anUnknownProductIsNotKept() {
        assertThat(cache.get("SKU-NONE").block()).isNull();

        indexHas("SKU-NONE", 500, 3);
        assertThat(cache.get("SKU-NONE").block()).isEqualTo(priced(500, 3));
    }

    @Test
    void aPageIsOfferedAtOnceOnlyOnceMemoryHoldsIt() {
        indexHas("SKU-MUG", 1_250, 1);
        assertThat(cache.cached("SKU-MUG")).isNull();
        assertThat(cache.cached("SKU-NONE")).isNull();

        cache.get("SKU-MUG").block();
        cache.get("SKU-NONE").block();

        assertThat(cache.cached("SKU-MUG")).isEqualTo(priced(1_250, 1));
        assertThat(cache.cached("SKU-NONE")).isNull();
        assertThat(loads).hasValue(2);
    }

    @Test
    void aPageOfferedAtOnceIsStillRefreshedOncePastItsRefreshAge() {
        var refresh = mugPastItsRefreshAgeWithTheIndexAnsweringLater();

        assertThat(cache.cached("SKU-MUG")).isEqualTo(priced(1_250, 1));
        refreshesOfTheNextWindowStart();
        refresh.tryEmitValue(priced(1_250, 2));

        assertThat(position(cache.cached("SKU-MUG"))).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    @Test
    void aPageOfferedAtOnceIsGoneWithTheChangeOfItsProduct() {
        indexHas("SKU-MUG", 1_250, 1);
        cache.get("SKU-MUG").block();

        cache.invalidate("SKU-MUG");

        assertThat(cache.cached("SKU-MUG")).isNull();
    }
}
