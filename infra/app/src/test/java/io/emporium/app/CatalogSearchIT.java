package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The storefront's catalog reads on real servers: products defined over HTTP reach the search index through the
 * projection, are found by words and word starts whatever their accents, counted in facets, paged stably, and shown
 * on their page fresh after every change. Each test names its own words and categories, as the index is shared.
 */
@EngineIT
class CatalogSearchIT {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(30);

    @Autowired WebTestClient http;
    @Autowired MeterRegistry metrics;

    private EmporiumClient client;
    /** A word of letters that no other test's product contains. */
    private String marker;

    @BeforeEach
    void newMarker() {
        client = new EmporiumClient(http);
        marker = ThreadLocalRandom.current().ints(10, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String define(String name, String category, long price) {
        var sku = newSku();
        client.send(POST, "/products", """
                {"sku": "%s", "name": "%s", "description": "Handmade, %s edition", "category": "%s",
                 "attributes": {"colour": "white"}, "price": {"amount": %d, "currency": "EUR"}}
                """.formatted(sku, name, marker, category, price)).expectStatus().isCreated();
        return sku;
    }

    private String onSale(String name, String category, long price) {
        var sku = define(name, category, price);
        client.send(POST, "/products/" + sku + "/activate", "").expectStatus().isOk();
        return sku;
    }

    private JsonNode read(String uri) {
        return Objects.requireNonNull(client.get(uri).expectStatus().isOk().expectBody(JsonNode.class)
                .returnResult().getResponseBody());
    }

    private static List<String> skus(JsonNode result) {
        return result.get("products").valueStream().map(product -> product.get("sku").asString()).toList();
    }

    @Test
    void anAccentedNameIsFoundByItsUnaccentedWordsAndWordStarts() {
        var category = "dishes-" + marker;
        var sku = onSale("Crème brûlée dish", category, 1_850);

        await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
            var byWord = read("/products/search?q=creme&category=" + category);
            assertThat(skus(byWord)).containsExactly(sku);
            assertThat(byWord.at("/products/0/highlights/name/0").asString()).contains("<em>Crème</em>");
            assertThat(skus(read("/products/search?q=bru&category=" + category))).containsExactly(sku);
            assertThat(skus(read("/products/search?q=CREME BRULEE&category=" + category))).containsExactly(sku);
        });
    }

    @Test
    void suggestionsNameTheProductsOnSaleWhoseWordsStartLikeThePrefix() {
        var teapot = onSale("Zéphyr " + marker + " teapot", "tea-" + marker, 3_200);
        var kettle = onSale("Zephyr " + marker + " kettle", "tea-" + marker, 4_100);
        define("Zephyr " + marker + " draft", "tea-" + marker, 1_000);
        var prefix = "zeph " + marker.substring(0, 4);

        await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
            var suggestions = read("/products/suggest?prefix=" + prefix).get("suggestions");
            assertThat(suggestions.valueStream().map(s -> s.get("sku").asString()).toList())
                    .containsExactlyInAnyOrder(teapot, kettle);
            assertThat(suggestions.valueStream().map(s -> s.get("name").asString()).toList())
                    .containsExactly("Zephyr " + marker + " kettle", "Zéphyr " + marker + " teapot");
        });
    }

    @Test
    void facetsCountTheMatchingProductsOnSaleEachUnderTheOtherFacetsFilter() {
        var cups = "cups-" + marker;
        var bowls = "bowls-" + marker;
        onSale("Espresso cup", cups, 500);
        onSale("Tea cup", cups, 1_500);
        onSale("Latte cup", cups, 1_500);
        onSale("Soup bowl", bowls, 3_000);
        onSale("Serving bowl", bowls, 12_000);
        define("Draft cup", cups, 700);

        await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
            var all = read("/products/search?q=" + marker);
            assertThat(all.get("total").asLong()).isEqualTo(5);
            assertThat(all.at("/facets/categories").toString())
                    .isEqualTo("[{\"category\":\"%s\",\"count\":3},{\"category\":\"%s\",\"count\":2}]"
                            .formatted(cups, bowls));
            assertThat(priceCounts(all)).containsExactly(1L, 2L, 1L, 0L, 1L);
        });

        var onlyCups = read("/products/search?q=" + marker + "&category=" + cups);
        assertThat(onlyCups.get("total").asLong()).isEqualTo(3);
        assertThat(onlyCups.at("/facets/categories/1/count").asLong()).isEqualTo(2);
        assertThat(priceCounts(onlyCups)).containsExactly(1L, 2L, 0L, 0L, 0L);

        var midPriced = read("/products/search?q=" + marker + "&minPrice=1000&maxPrice=5000");
        assertThat(midPriced.get("total").asLong()).isEqualTo(3);
        assertThat(midPriced.at("/facets/categories").toString())
                .isEqualTo("[{\"category\":\"%s\",\"count\":2},{\"category\":\"%s\",\"count\":1}]"
                        .formatted(cups, bowls));

        var midPricedCups = read("/products/search?q=" + marker + "&category=" + cups + "&minPrice=1000&maxPrice=5000");
        assertThat(midPricedCups.get("total").asLong()).isEqualTo(2);
        assertThat(midPricedCups.at("/facets/categories").toString())
                .isEqualTo("[{\"category\":\"%s\",\"count\":2},{\"category\":\"%s\",\"count\":1}]"
                        .formatted(cups, bowls));
        assertThat(priceCounts(midPricedCups)).containsExactly(1L, 2L, 0L, 0L, 0L);
        assertThat(midPricedCups.at("/facets/priceRanges/1").toString())
                .isEqualTo("{\"from\":1000,\"to\":2500,\"count\":2}");
    }

    private static List<Long> priceCounts(JsonNode result) {
        return result.at("/facets/priceRanges").valueStream().map(range -> range.get("count").asLong()).toList();
    }

    @Test
    void aPriceChangeShowsInSearchAndOnTheProductPageAlthoughThePageWasCached() {
        var sku = onSale("Cream jug", "jugs-" + marker, 1_250);
        await().atMost(PROJECTION_WAIT).untilAsserted(() ->
                assertThat(read("/products/" + sku).at("/price/minorUnits").asLong()).isEqualTo(1_250));
        read("/products/" + sku);
        var invalidationsBefore = invalidations();

        client.send(PUT, "/products/" + sku + "/price", "{\"amount\": 990, \"currency\": \"EUR\"}")
                .expectStatus().isOk();

        // Well within the cache's time to live: only the projection's eviction can make this pass.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(read("/products/" + sku).at("/price/minorUnits").asLong()).isEqualTo(990));
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(
                read("/products/search?q=" + marker).at("/products/0/price/minorUnits").asLong()).isEqualTo(990));
        assertThat(invalidations()).isGreaterThan(invalidationsBefore);
        assertThat(metrics.get("cache.gets").tag("cache", "product-detail").tag("result", "hit")
                .functionCounter().count()).isPositive();
    }

    @Test
    void productPagesWantedAllAtOnceEachShowTheirOwnProductAndNoDraft() {
        var category = "plates-" + marker;
        var onSale = IntStream.range(0, 40).mapToObj(i -> onSale("Plate " + i, category, 1_000 + i)).toList();
        var drafts = IntStream.range(0, 5).mapToObj(i -> define("Draft plate " + i, category, 500)).toList();
        await().atMost(PROJECTION_WAIT).untilAsserted(() ->
                assertThat(read("/products/search?category=" + category).get("total").asLong()).isEqualTo(40));
        var readsBefore = metrics.get("cache.batch.size").tag("cache", "product-detail").summary().count();

        var pages = Flux.concat(Flux.fromIterable(onSale), Flux.fromIterable(drafts))
                .flatMap(sku -> Mono.fromCallable(() -> client.get("/products/" + sku).returnResult(JsonNode.class))
                        .subscribeOn(Schedulers.boundedElastic())
                        .map(result -> Map.entry(sku, result.getStatus().value() == 200
                                ? result.getResponseBody().blockFirst().at("/price/minorUnits").asLong() : -1L)),
                        45)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block(PROJECTION_WAIT);

        assertThat(pages).hasSize(45);
        IntStream.range(0, 40).forEach(i -> assertThat(pages).containsEntry(onSale.get(i), 1_000L + i));
        drafts.forEach(draft -> assertThat(pages).containsEntry(draft, -1L));
        assertThat(metrics.get("cache.batch.size").tag("cache", "product-detail").summary().count())
                .isGreaterThan(readsBefore);
    }

    private double invalidations() {
        return metrics.get("cache.invalidations").tag("cache", "product-detail").counter().count();
    }

    @Test
    void stockReceivedBeforeTheProductWasDefinedShowsOnceItIsOnSale() {
        var sku = newSku();
        client.send(POST, "/inventory/" + sku + "/receipts", "{\"quantity\": 7}").expectStatus().isCreated();
        var category = "vases-" + marker;
        client.send(POST, "/products", """
                {"sku": "%s", "name": "Tall vase", "description": "Glass", "category": "%s",
                 "attributes": {}, "price": {"amount": 2900, "currency": "EUR"}}
                """.formatted(sku, category)).expectStatus().isCreated();
        client.send(POST, "/products/" + sku + "/activate", "").expectStatus().isOk();

        await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
            var page = read("/products/" + sku);
            assertThat(page.get("available").asInt()).isEqualTo(7);
            assertThat(page.get("inStock").asBoolean()).isTrue();
            assertThat(skus(read("/products/search?inStock=true&category=" + category))).containsExactly(sku);
            assertThat(skus(read("/products/search?inStock=false&category=" + category))).isEmpty();
        });
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeatsAmongEqualPrices() {
        var category = "plates-" + marker;
        var defined = new ArrayList<String>();
        IntStream.range(0, 7).forEach(i -> defined.add(onSale("Plate " + i, category, 1_000)));
        await().atMost(PROJECTION_WAIT).untilAsserted(() ->
                assertThat(read("/products/search?category=" + category).get("total").asLong()).isEqualTo(7));

        var paged = new ArrayList<String>();
        for (var page = 0; page < 3; page++) {
            var uri = "/products/search?category=%s&sort=price_asc&size=3&page=%d".formatted(category, page);
            var result = read(uri);
            assertThat(skus(read(uri))).isEqualTo(skus(result));
            paged.addAll(skus(result));
        }

        assertThat(paged).isEqualTo(defined.stream().sorted().toList());
    }

    @Test
    void aWrongParameterIsABadRequestProblemNamingItAndAnUnknownProductIsNotFound() {
        client.get("/products/search?minPrice=cheap").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[?(@.field == 'minPrice')]").exists();
        client.get("/products/search?sort=popularity").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'sort')]").exists();
        client.get("/products/suggest").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[?(@.field == 'prefix')]").exists();
        client.get("/products/" + newSku()).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get("/products/" + "x".repeat(65)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[?(@.field == 'sku')]").exists();
    }

    @Test
    void productPagesAreTimedUnderTheirRouteNotUnderEachSku() {
        var sku = onSale("Egg cup", "cups-" + marker, 450);
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> client.get("/products/" + sku).expectStatus().isOk());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metrics.get("http.server.requests")
                .tag("uri", "/products/{sku}").tag("status", "200").timer().count()).isPositive());
        assertThat(metrics.find("http.server.requests").tag("uri", "/products/" + sku).timer()).isNull();
    }

    @Test
    void aPageHeldInMemoryIsSentTimedOnceUnderItsRouteWithTheCallersCorrelationId() {
        var sku = onSale("Gravy boat", "boats-" + marker, 2_400);
        var timed = metrics.find("http.server.requests").tag("uri", "/products/{sku}").tag("status", "200");
        var before = Optional.ofNullable(timed.timer()).map(Timer::count).orElse(0L);
        // The server times an exchange as it completes, which can be after its caller has the body: a count taken
        // right after these reads could miss the last of them, so every read this test makes is counted instead.
        var readsAlready = new AtomicLong();
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
            var result = client.get("/products/" + sku).expectBody(byte[].class).returnResult();
            if (result.getStatus().value() == 200) {
                readsAlready.incrementAndGet();
            }
            assertThat(result.getStatus().value()).isEqualTo(200);
        });
        var page = client.get("/products/" + sku).expectBody(byte[].class).returnResult().getResponseBody();
        readsAlready.incrementAndGet();

        for (var read = 0; read < 5; read++) {
            http.get().uri("/products/" + sku).header("X-Correlation-Id", "page-" + read).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectHeader().contentLength(page.length)
                    .expectHeader().valueEquals("X-Correlation-Id", "page-" + read)
                    .expectBody(byte[].class).isEqualTo(page);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(timed.timer().count()).isEqualTo(before + readsAlready.get() + 5));
        assertThat(metrics.find("http.server.requests").tag("uri", "/products/{sku}").timers()).allSatisfy(timer ->
                assertThat(timer.getId().getTags()).extracting(Tag::getKey)
                        .containsExactlyInAnyOrder("error", "exception", "method", "outcome", "status", "uri"));
    }

    @Test
    void aProductPageStatesItsLengthAndAnswersAHeadRequestWithItsHeadersAlone() {
        var sku = onSale("Butter dish", "dishes-" + marker, 1_800);
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> client.get("/products/" + sku).expectStatus().isOk());
        var page = client.get("/products/" + sku).expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(byte[].class).returnResult();
        assertThat(page.getResponseHeaders().getContentLength()).isEqualTo(page.getResponseBody().length);

        http.head().uri("/products/" + sku).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().contentLength(page.getResponseBody().length)
                .expectBody().isEmpty();
    }

    @Test
    void aProductPageIsOfferedOnlyAsJson() {
        http.get().uri("/products/" + newSku()).accept(MediaType.APPLICATION_XML).exchange()
                .expectStatus().isEqualTo(406)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
