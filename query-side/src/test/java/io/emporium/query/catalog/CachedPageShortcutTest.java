package io.emporium.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class CachedPageShortcutTest {

    private static final byte[] MUG = "{\"sku\":\"SKU-MUG\"}".getBytes(StandardCharsets.UTF_8);

    private final MeterRegistry metrics = new SimpleMeterRegistry();
    /** Requests that went on to WebFlux. */
    private final AtomicInteger dispatched = new AtomicInteger();
    private final ProductDetailCache cache;
    private final HttpHandler engine;

    CachedPageShortcutTest() {
        var registries = new StaticListableBeanFactory(Map.of("registry", metrics));
        cache = new ProductDetailCache(new ProductCacheProperties(1_000, Duration.ofMinutes(1), Duration.ofMinutes(10),
                200), skus -> Mono.just(skus.contains("SKU-MUG") ? Map.of("SKU-MUG", MUG) : Map.of()),
                registries.getBeanProvider(MeterRegistry.class), Ticker.systemTicker(), Schedulers.immediate());
        engine = new CachedPageShortcut(cache, registries.getBeanProvider(MeterRegistry.class))
                .apply((request, response) -> {
                    dispatched.incrementAndGet();
                    response.setStatusCode(HttpStatus.I_AM_A_TEAPOT);
                    return response.setComplete();
                });
    }

    private MockServerHttpResponse answer(MockServerHttpRequest request) {
        var response = new MockServerHttpResponse();
        engine.handle(request, response).block();
        return response;
    }

    @Test
    void aPageHeldInMemoryIsSentWithoutWebFluxDispatchingTheRequest() {
        cache.get("SKU-MUG").block();

        var response = answer(MockServerHttpRequest.get("/products/SKU-MUG").accept(MediaType.ALL).build());

        assertThat(dispatched).hasValue(0);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getHeaders().getContentLength()).isEqualTo(MUG.length);
        assertThat(response.getBodyAsString().block()).isEqualTo(new String(MUG, StandardCharsets.UTF_8));
        assertThat(metrics.get("http.server.requests").tag("uri", "/products/{sku}").tag("status", "200")
                .tag("outcome", "SUCCESS").timer().count()).isEqualTo(1);
    }

    @Test
    void aPageNotYetInMemoryIsLeftToTheRouteToLoad() {
        var response = answer(MockServerHttpRequest.get("/products/SKU-MUG").build());

        assertThat(dispatched).hasValue(1);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.I_AM_A_TEAPOT);
        assertThat(cache.cached("SKU-MUG")).isNull();
    }

    @Test
    void aProductNotOnSaleIsLeftToTheRouteToRefuse() {
        cache.get("SKU-NONE").block();

        answer(MockServerHttpRequest.get("/products/SKU-NONE").build());

        assertThat(dispatched).hasValue(1);
    }

    @Test
    void everyOtherRequestForAHeldPageIsLeftToTheRoute() {
        cache.get("SKU-MUG").block();

        answer(MockServerHttpRequest.head("/products/SKU-MUG").build());
        answer(MockServerHttpRequest.get("/products/SKU-MUG?position=7").build());
        answer(MockServerHttpRequest.get("/products/SKU-MUG").accept(MediaType.APPLICATION_XML).build());
        answer(MockServerHttpRequest.get("/products/SKU-MUG").header("Accept", "not a media type").build());
        answer(MockServerHttpRequest.get("/products/SKU-MUG/reviews").build());
        answer(MockServerHttpRequest.get("/products/search").build());
        answer(MockServerHttpRequest.get("/catalog/products/SKU-MUG").build());

        assertThat(dispatched).hasValue(7);
        assertThat(metrics.get("http.server.requests").timer().count()).isZero();
    }

    @Test
    void aClientTakingJsonAmongOtherTypesIsSentTheHeldPage() {
        cache.get("SKU-MUG").block();

        var response = answer(MockServerHttpRequest.get("/products/SKU-MUG")
                .header("Accept", "text/html;q=0.9, application/*;q=0.8").build());

        assertThat(dispatched).hasValue(0);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
