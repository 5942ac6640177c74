package io.emporium.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.catalog.ProductView;
import io.emporium.contracts.money.Money;
import io.emporium.query.freshness.ChangeNotices.Change;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

class ProductDetailCacheTest {

    private final MeterRegistry metrics = new SimpleMeterRegistry();
    private final ProductDetailCache cache = new ProductDetailCache(
            new ProductCacheProperties(100, Duration.ofMinutes(10)),
            new StaticListableBeanFactory(Map.of("registry", metrics)).getBeanProvider(MeterRegistry.class));
    private final AtomicInteger loads = new AtomicInteger();

    private static byte[] priced(long minorUnits, long position) {
        return JsonMapper.shared().writeValueAsBytes(new ProductView("SKU-MUG", "Mug", "Stoneware", "kitchen",
                Map.of(), Money.of(minorUnits, "EUR"), 3, true, "ACTIVE", position));
    }

    private static long position(byte[] page) {
        return JsonMapper.shared().readValue(page, ProductView.class).position();
    }

    private Mono<byte[]> load(byte[] page) {
        return Mono.fromSupplier(() -> {
            loads.incrementAndGet();
            return page;
        });
    }

    @Test
    void pagesLoadedTogetherExpireSpreadOverTheLastQuarterOfTheirTimeToLive() {
        var now = new AtomicLong();
        var timed = new ProductDetailCache(new ProductCacheProperties(1_000, Duration.ofMinutes(1)),
                new StaticListableBeanFactory(Map.of()).getBeanProvider(MeterRegistry.class), now::get);
        var skus = IntStream.range(0, 200).mapToObj(i -> "SKU-" + i).toList();
        skus.forEach(sku -> timed.get(sku, key -> load(priced(1_250, 1))).block());

        now.set(Duration.ofSeconds(44).toNanos());
        skus.forEach(sku -> timed.get(sku, key -> load(priced(1_250, 2))).block());
        assertThat(loads).hasValue(200);

        now.set(Duration.ofSeconds(52).toNanos());
        skus.forEach(sku -> timed.get(sku, key -> load(priced(1_250, 3))).block());
        assertThat(loads.get() - 200).isBetween(1, 199);

        // No page outlives its time to live: the ones first loaded at 0 s are all gone at 60 s.
        now.set(Duration.ofSeconds(60).toNanos() + 1);
        assertThat(skus).allSatisfy(sku -> assertThat(position(timed.get(sku, key -> load(priced(1_250, 4)))
                .block())).isGreaterThanOrEqualTo(3));
    }

    @Test
    void aPageIsLoadedOnceAndThenServedFromMemory() {
        assertThat(cache.get("SKU-MUG", sku -> load(priced(1_250, 1))).block()).isEqualTo(priced(1_250, 1));
        assertThat(cache.get("SKU-MUG", sku -> load(priced(999, 2))).block()).isEqualTo(priced(1_250, 1));

        assertThat(loads).hasValue(1);
        assertThat(metrics.get("cache.hit.ratio").tag("cache", "product-detail").gauge().value()).isEqualTo(0.5);
    }

    @Test
    void aChangedProductIsLoadedAnew() {
        cache.get("SKU-MUG", sku -> load(priced(1_250, 1))).block();

        cache.invalidate("SKU-MUG");

        assertThat(cache.get("SKU-MUG", sku -> load(priced(990, 2))).block()).isEqualTo(priced(990, 2));
        assertThat(metrics.get("cache.invalidations").tag("cache", "product-detail").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aLoadInFlightWhenTheProductChangesIsNeverKept() {
        var slowLoad = Sinks.<byte[]>one();
        var firstReader = cache.get("SKU-MUG", sku -> slowLoad.asMono()).toFuture();

        cache.invalidate("SKU-MUG");
        slowLoad.tryEmitValue(priced(1_250, 1));

        assertThat(firstReader.join()).isEqualTo(priced(1_250, 1));
        assertThat(cache.get("SKU-MUG", sku -> load(priced(990, 2))).block()).isEqualTo(priced(990, 2));
    }

    @Test
    void missedNoticesDropEveryPage() {
        cache.get("SKU-MUG", sku -> load(priced(1_250, 1))).block();

        cache.invalidateAll();

        assertThat(cache.get("SKU-MUG", sku -> load(priced(990, 2))).block()).isEqualTo(priced(990, 2));
        assertThat(loads).hasValue(2);
    }

    @Test
    void aNoticeOfAChangedProductDropsItsPageAndNoOther() {
        cache.get("SKU-MUG", sku -> load(priced(1_250, 1))).block();
        cache.get("SKU-CUP", sku -> load(priced(700, 1))).block();

        ProductCacheEviction.follow(Flux.just(new Change.Changed("SKU-MUG", null, 2)), cache);

        assertThat(cache.get("SKU-MUG", sku -> load(priced(990, 2))).block()).isEqualTo(priced(990, 2));
        assertThat(position(cache.get("SKU-CUP", sku -> load(priced(1, 9))).block())).isEqualTo(1L);
    }

    @Test
    void aResyncDropsEveryPage() {
        cache.get("SKU-MUG", sku -> load(priced(1_250, 1))).block();

        ProductCacheEviction.follow(Flux.just(new Change.Resync()), cache);

        assertThat(cache.get("SKU-MUG", sku -> load(priced(990, 2))).block()).isEqualTo(priced(990, 2));
    }

    @Test
    void anUnknownProductIsNotKept() {
        assertThat(cache.get("SKU-NONE", sku -> Mono.empty()).block()).isNull();

        assertThat(cache.get("SKU-NONE", sku -> load(priced(500, 3))).block()).isEqualTo(priced(500, 3));
    }
}
