package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.POST;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analysts read sales, the conversion funnel and abandoned carts over HTTP while shoppers use the shop. Other tests
 * share the engine, so counts that are not the test's own are compared before and after.
 */
@EngineIT
class AnalyticsIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Autowired WebTestClient http;
    @Autowired JsonMapper json;

    @Test
    void aConfirmedCheckoutSellsInItsHourAndDayAndACancellationTakesTheSaleBack() {
        var sku = productWithStock(1_250, 10);
        var hourStart = Instant.now().truncatedTo(ChronoUnit.HOURS);
        var orderId = checkOut(cartWith(sku, 2), EmporiumClient.GOOD_CARD);
        awaitStatus(orderId, "CONFIRMED");

        var hourly = "/analytics/sales/hourly?sku=" + sku + "&from=" + hourStart.minus(Duration.ofHours(1))
                + "&to=" + hourStart.plus(Duration.ofHours(2));
        var daily = "/analytics/sales/daily?sku=" + sku + "&from=" + today().minusDays(1) + "&to=" + today();
        await().atMost(SETTLE).untilAsserted(() -> {
            // Until the analytics batch lands the answer lists no product: an assertion, so the wait goes on.
            var products = read(hourly).get("products");
            assertThat(products.size()).isEqualTo(1);
            var product = products.get(0);
            assertThat(product.get("units").asLong()).isEqualTo(2);
            assertThat(product.get("revenue").get("minorUnits").asLong()).isEqualTo(2_500);
            assertThat(product.get("revenue").get("currency").asString()).isEqualTo("EUR");
            assertThat(product.get("orders").asLong()).isEqualTo(1);
            assertThat(product.get("buckets").size()).isEqualTo(1);
            assertThat(Instant.parse(product.get("buckets").get(0).get("start").asString()))
                    .isBetween(hourStart, hourStart.plus(Duration.ofHours(1)));
        });
        var day = read(daily).get("products").get(0);
        assertThat(day.get("units").asLong()).isEqualTo(2);
        assertThat(day.get("revenue").get("minorUnits").asLong()).isEqualTo(2_500);

        new EmporiumClient(http).send(POST, "/orders/" + orderId + "/cancel", "").expectStatus().isOk();

        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(read(hourly).get("products").size()).isZero();
            assertThat(read(daily).get("products").size()).isZero();
        });
    }

    @Test
    void aRejectedOrderSellsNothing() {
        var sku = productWithStock(700, 10);
        var orderId = checkOut(cartWith(sku, 1), EmporiumClient.DECLINED_CARD);
        awaitStatus(orderId, "REJECTED");

        var sold = productWithStock(700, 10);
        awaitStatus(checkOut(cartWith(sold, 1), EmporiumClient.GOOD_CARD), "CONFIRMED");
        // Both orders are in the same processor's stream, the rejected one earlier: once the later sale shows,
        // the rejection was applied too.
        await().atMost(SETTLE).untilAsserted(() ->
                assertThat(read("/analytics/sales/daily?sku=" + sold).get("products").size()).isOne());
        assertThat(read("/analytics/sales/daily?sku=" + sku).get("products").size()).isZero();
    }

    @Test
    void withoutASkuTheBestSellersOfTheRangeAreListedWithTheirDays() {
        var bestSeller = productWithStock(100, 5_000);
        awaitStatus(checkOut(cartWith(bestSeller, 5_000), EmporiumClient.GOOD_CARD), "CONFIRMED");

        await().atMost(SETTLE).untilAsserted(() -> {
            var products = read("/analytics/sales/daily?limit=3").get("products");
            assertThat(products.size()).isBetween(1, 3);
            var units = new ArrayList<Long>();
            products.forEach(product -> units.add(product.get("units").asLong()));
            assertThat(units).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(products.values()).anySatisfy(product -> {
                assertThat(product.get("sku").asString()).isEqualTo(bestSeller);
                assertThat(product.get("units").asLong()).isEqualTo(5_000);
                assertThat(product.get("buckets").get(0).get("start").asString())
                        .isEqualTo(today().atStartOfDay().toInstant(ZoneOffset.UTC).toString());
            });
        });
    }

    @Test
    void theFunnelCountsEveryStepFromCartToConfirmedOrder() {
        var funnel = "/analytics/funnel?from=" + today().minusDays(1) + "&to=" + today().plusDays(1);
        var before = steps(read(funnel).get("total"));

        var sku = productWithStock(500, 10);
        new EmporiumClient(http).send(POST, "/carts", "{\"customerId\": \"customer-" + UUID.randomUUID() + "\"}")
                .expectStatus().isCreated();
        awaitStatus(checkOut(cartWith(sku, 1), EmporiumClient.GOOD_CARD), "CONFIRMED");

        await().atMost(SETTLE).untilAsserted(() -> {
            var after = steps(read(funnel).get("total"));
            assertThat(after.get("cartsCreated") - before.get("cartsCreated")).isGreaterThanOrEqualTo(2);
            for (var step : List.of("cartsWithItems", "cartsCheckedOut", "ordersPlaced", "ordersConfirmed")) {
                assertThat(after.get(step) - before.get(step)).as(step).isGreaterThanOrEqualTo(1);
            }
        });
        var days = read(funnel).get("days");
        assertThat(days.size()).isEqualTo(3);
        assertThat(days.get(1).get("day").asString()).isEqualTo(today().toString());
    }

    @Test
    void aCartLeftWithItemsIsAbandonedUntilItIsCheckedOut() {
        var sku = productWithStock(1_250, 10);
        var cartId = cartWith(sku, 3);

        await().atMost(SETTLE).untilAsserted(() -> {
            var cart = abandoned("PT1S", cartId);
            assertThat(cart).as("cart " + cartId + " among the abandoned").isNotNull();
            assertThat(cart.get("value").get("minorUnits").asLong()).isEqualTo(3_750);
            assertThat(cart.get("items").get(0).get("sku").asString()).isEqualTo(sku);
            assertThat(cart.get("items").get(0).get("quantity").asInt()).isEqualTo(3);
            assertThat(Instant.parse(cart.get("lastActivityAt").asString())).isBefore(Instant.now());
        });
        assertThat(abandoned("P1D", cartId)).as("active within the day").isNull();

        awaitStatus(checkOut(cartId, EmporiumClient.GOOD_CARD), "CONFIRMED");

        await().atMost(SETTLE).untilAsserted(() -> assertThat(abandoned("PT0S", cartId)).isNull());
    }

    @Test
    void aWrongParameterIsABadRequestProblemNamingIt() {
        for (var wrong : Map.of("/analytics/sales/hourly?from=yesterday", "from",
                "/analytics/sales/daily?from=2026-05-02&to=2026-05-01", "to",
                "/analytics/sales/daily?limit=1000", "limit",
                "/analytics/funnel?from=2020-01-01&to=2026-01-01", "from",
                "/analytics/abandoned-carts?olderThan=soon", "olderThan",
                "/analytics/abandoned-carts?size=100000", "size").entrySet()) {
            new EmporiumClient(http).get(wrong.getKey()).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(wrong.getValue());
        }
    }

    @Test
    void theApiDocumentDescribesTheAnalyticsReads() {
        var paths = read("/v3/api-docs").get("paths");

        for (var path : List.of("/analytics/sales/hourly", "/analytics/sales/daily", "/analytics/funnel",
                "/analytics/abandoned-carts")) {
            var get = paths.get(path).get("get");
            assertThat(get.get("responses").get("200").get("content").toString()).as(path)
                    .containsAnyOf("SalesReport", "ConversionFunnel", "AbandonedCarts");
            assertThat(get.get("responses").has("400")).as(path).isTrue();
        }
    }

    // --- the shop, driven through its HTTP API

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private JsonNode read(String path) {
        return new EmporiumClient(http).readJson(path);
    }

    private static Map<String, Long> steps(JsonNode steps) {
        var counts = new HashMap<String, Long>();
        steps.properties().forEach(step -> counts.put(step.getKey(), step.getValue().asLong()));
        return counts;
    }

    /** The cart among the abandoned ones, looked for page by page; null if it is not one of them. */
    private @Nullable JsonNode abandoned(String olderThan, String cartId) {
        for (var page = 0; ; page++) {
            var carts = read("/analytics/abandoned-carts?size=100&olderThan=" + olderThan + "&page=" + page);
            for (var cart : carts.get("carts")) {
                if (cart.get("cartId").asString().equals(cartId)) {
                    return cart;
                }
            }
            if (!carts.get("hasMore").asBoolean()) {
                return null;
            }
        }
    }

    private String productWithStock(long price, int stock) {
        return new EmporiumClient(http).productOnSale(price, stock);
    }

    private String cartWith(String sku, int quantity) {
        var client = new EmporiumClient(http);
        var cart = client.send(POST, "/carts", "{\"customerId\": \"customer-" + UUID.randomUUID() + "\"}")
                .expectStatus().isCreated().expectBody(String.class).returnResult();
        var cartId = json.readTree(cart.getResponseBody()).get("cartId").asString();
        client.send(POST, "/carts/" + cartId + "/items", "{\"sku\": \"%s\", \"quantity\": %d}".formatted(sku,
                quantity)).expectStatus().isOk();
        return cartId;
    }

    private String checkOut(String cartId, String card) {
        var checkedOut = new EmporiumClient(http).send(POST, "/carts/" + cartId + "/checkout",
                EmporiumClient.checkoutBody(card)).expectStatus().isCreated().expectBody(String.class).returnResult();
        return json.readTree(checkedOut.getResponseBody()).get("orderId").asString();
    }

    private void awaitStatus(String orderId, String status) {
        await().atMost(SETTLE).untilAsserted(() -> assertThat(read("/orders/" + orderId).path("status").asString())
                .isEqualTo(status));
    }
}
