package io.emporium.query.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A product page that memory holds is sent before WebFlux dispatches the request: a plain {@code GET
 * /products/{sku}} whose page {@link ProductDetailCache#cached is at hand}, from a client that takes JSON. Everything
 * else (a page still to load, a product not on sale, a HEAD, a query string, another media type) goes on to
 * {@link ProductPageRoute} and is answered there as before. Serving cached pages in the open model at the rate of the
 * benchmark's page rounds (6,200 pages/s on two cores), WebFlux's exchange, its dispatch through the handler
 * mappings and adapters to the route, and the observation of each request were in 24.1 % of the engine's CPU
 * samples (async-profiler), and the engine spent 102-143 us of CPU a page where the bare WebFlux endpoint beside it
 * in the benchmark spent 68-100: too little of the two cores was left when anything else ran. Sent from here, 68-85
 * us a page, p99 3.2-10.8 ms against 3.4-34.1 ms; 64 connections in a closed loop read 27,814 and 27,891 pages/s
 * against 14,114-18,758 (throwaway driver, interleaved engines, issue 4's note of 2026-12-07). The page is still
 * timed as {@code http.server.requests} under its route, with the tags WebFlux's observation gives it, and still
 * carries its correlation id, which the engine's outermost decorator gives every request.
 */
@Component
// Inside the correlation ids' decorator, which comes first.
@Order(Ordered.LOWEST_PRECEDENCE)
class CachedPageShortcut implements HttpHandlerDecoratorFactory {

    private static final String PREFIX = "/products/";

    private final ProductDetailCache cache;
    private final @Nullable Timer timer;

    CachedPageShortcut(ProductDetailCache cache, ObjectProvider<MeterRegistry> registries) {
        this.cache = cache;
        var registry = registries.getIfAvailable();
        // The tags WebFlux's observation gives a page it answered with 200, so that both count in one timer.
        this.timer = registry == null ? null : Timer.builder("http.server.requests")
                .tag("error", "none").tag("exception", "none").tag("method", "GET").tag("outcome", "SUCCESS")
                .tag("status", "200").tag("uri", "/products/{sku}").register(registry);
    }

    @Override
    public HttpHandler apply(HttpHandler next) {
        return (request, response) -> {
            var arrived = System.nanoTime();
            var page = page(request);
            return page == null ? next.handle(request, response) : send(page, response, arrived);
        };
    }

    private byte @Nullable [] page(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET || request.getURI().getRawQuery() != null) {
            return null;
        }
        var path = request.getURI().getRawPath();
        if (!path.startsWith(PREFIX) || ProductPageRoute.SEARCHES.contains(path) || !takesJson(request.getHeaders())) {
            return null;
        }
        var sku = path.substring(PREFIX.length());
        return CatalogParameters.isSku(sku) ? cache.cached(sku) : null;
    }

    private static boolean takesJson(HttpHeaders headers) {
        var accept = headers.getFirst(HttpHeaders.ACCEPT);
        if (accept == null || accept.equals(MediaType.ALL_VALUE) || accept.equals(MediaType.APPLICATION_JSON_VALUE)) {
            return true;
        }
        try {
            return ProductPageRoute.acceptsJson(headers.getAccept());
        } catch (IllegalArgumentException unreadable) {
            // The route answers an unreadable Accept header with its problem.
            return false;
        }
    }

    private Mono<Void> send(byte[] page, ServerHttpResponse response, long arrived) {
        response.setStatusCode(HttpStatus.OK);
        var headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(page.length);
        var sent = response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(page)));
        return timer == null ? sent
                : sent.doFinally(signal -> timer.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS));
    }
}
