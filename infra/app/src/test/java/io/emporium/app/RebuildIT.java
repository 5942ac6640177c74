package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.POST;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator rebuilds the order views and the product index while customers keep reading: every read answers, and
 * answers in full, before, during and after the switch; the new versions hold what the old ones held and stay live.
 */
@EngineIT
class RebuildIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Duration REBUILD = Duration.ofMinutes(2);
    private static final int ORDERS = 6;
    private static final int PRODUCTS = 4;

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired ElasticsearchClient elasticsearch;
    @Autowired MeterRegistry metrics;

    private JsonNode read(String uri) {
        return new EmporiumClient(http).readJson(uri);
    }

    private JsonNode rebuild(String projection) {
        var result = http.post().uri("/ops/rebuilds").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"projection\": \"%s\"}".formatted(projection)).exchange()
                .expectStatus().isAccepted().expectBody(String.class).returnResult();
        var started = json.readTree(result.getResponseBody());
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/ops/rebuilds/" + started.get("id")
                .asString());
        var id = started.get("id").asString();
        await().atMost(REBUILD).until(() -> !read("/ops/rebuilds/" + id).get("state").asString()
                .matches("BUILDING|CHECKING|CATCHING_UP|SWITCHING"));
        return read("/ops/rebuilds/" + id);
    }

    /** Reads one customer's orders and one category's products over and over, noting every short or failed read. */
    private static final class Readers implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger reads = new AtomicInteger();
        final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        final Thread thread;

        Readers(WebTestClient http, JsonMapper json, String customer, String category) {
            thread = Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    try {
                        var orders = get(http, json, "/customers/" + customer + "/orders?size=50");
                        if (orders.get("orders").size() != ORDERS) {
                            wrong.add("orders: " + orders);
                        }
                        var products = get(http, json, "/products/search?category=" + category);
                        if (products.get("total").asLong() != PRODUCTS) {
                            wrong.add("products: " + products);
                        }
                        reads.incrementAndGet();
                    } catch (AssertionError | RuntimeException e) {
                        wrong.add(e.toString());
                    }
                }
            });
        }

        private static JsonNode get(WebTestClient http, JsonMapper json, String uri) {
            return json.readTree(http.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class)
                    .returnResult().getResponseBody());
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    @Test
    void rebuildingTheOrderViewsAndTheProductIndexUnderReadsSwitchesEachAtOnceAndNoReadFailsOrComesBackShort()
            throws Exception {
        var client = new EmporiumClient(http);
        var customer = "customer-" + UUID.randomUUID();
        var category = "rebuilt-" + UUID.randomUUID().toString().substring(0, 8);
        var skus = IntStream.range(0, PRODUCTS).mapToObj(i -> "SKU-" + UUID.randomUUID().toString().substring(0, 8))
                .toList();
        skus.forEach(sku -> {
            client.send(POST, "/products", """
                    {"sku": "%s", "name": "Rebuilt mug", "description": "Stoneware", "category": "%s",
                     "attributes": {}, "price": {"amount": 1250, "currency": "EUR"}}
                    """.formatted(sku, category)).expectStatus().isCreated();
            client.send(POST, "/products/" + sku + "/activate", "").expectStatus().isOk();
        });
        IntStream.range(0, ORDERS).forEach(i -> client.placeOrder(EmporiumClient.newKey(),
                EmporiumClient.orderBody(customer, skus.getFirst(), 1, 1250)).expectStatus().isCreated());
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(read("/customers/" + customer + "/orders?size=50").get("orders").size()).isEqualTo(ORDERS);
            assertThat(read("/products/search?category=" + category).get("total").asLong()).isEqualTo(PRODUCTS);
        });

        JsonNode orderViews;
        JsonNode productSearch;
        try (var readers = new Readers(http, json, customer, category)) {
            var before = readers.reads.get();
            orderViews = rebuild("order-views");
            productSearch = rebuild("product-search");
            var duringRebuilds = readers.reads.get() - before;
            await().atMost(SETTLE).until(() -> readers.reads.get() > before + duringRebuilds + 2);
            readers.close();
            assertThat(readers.wrong).isEmpty();
            assertThat(duringRebuilds).isPositive();
        }

        for (var progress : List.of(orderViews, productSearch)) {
            assertThat(progress.get("state").asString()).as(progress.toString()).isEqualTo("DONE");
            assertThat(progress.get("done").asLong()).isEqualTo(progress.get("total").asLong()).isPositive();
            assertThat(progress.get("checks").valueStream()).isNotEmpty()
                    .allSatisfy(check -> assertThat(check.get("passed").asBoolean()).as(check.toString()).isTrue());
        }
        var orderVersion = orderViews.get("version").asInt();
        assertThat(jdbc.queryForObject("select version from read_model_version where read_model = 'order-views'"
                + " and state = 'SERVING'", Integer.class)).isEqualTo(orderVersion);
        assertThat(jdbc.queryForObject("select count(*) from order_view", Long.class)).isEqualTo(jdbc.queryForObject(
                "select count(*) from domain_event_entry where payload_type like '%$OrderPlaced'", Long.class));
        assertThat(jdbc.queryForObject("select to_regclass('order_view_v' || ?)::text", String.class,
                orderVersion - 1)).isNull();
        assertThat(elasticsearch.indices().getAlias(request -> request.name("products")).aliases().keySet())
                .containsExactly("products-v" + productSearch.get("version").asInt());
        assertThat(metrics.get("emporium.rebuild.events.done").tag("projection", "order-views").gauge().value())
                .isEqualTo(orderViews.get("total").asDouble());

        var placed = client.placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody(customer, skus.getFirst(),
                1, 1250)).expectStatus().isCreated().expectBody(String.class).returnResult();
        var position = Objects.requireNonNull(placed.getResponseHeaders().getFirst("Emporium-Position"));
        var orderId = json.readTree(placed.getResponseBody()).get("orderId").asString();
        assertThat(read("/orders/" + orderId + "?position=" + position).get("status").asString()).isNotBlank();
        var later = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        client.send(POST, "/products", """
                {"sku": "%s", "name": "Later mug", "description": "Stoneware", "category": "%s",
                 "attributes": {}, "price": {"amount": 1250, "currency": "EUR"}}
                """.formatted(later, category)).expectStatus().isCreated();
        client.send(POST, "/products/" + later + "/activate", "").expectStatus().isOk();
        await().atMost(SETTLE).untilAsserted(() -> assertThat(read("/products/search?category=" + category)
                .get("total").asLong()).isEqualTo(PRODUCTS + 1));
    }

    /** The rebuild finished, passed at least {@code checks} checks, and its version is the one serving now. */
    private void assertSwitched(JsonNode progress, String readModel, int checks) {
        assertThat(progress.get("state").asString()).as(progress.toString()).isEqualTo("DONE");
        assertThat(progress.get("checks").valueStream()).hasSizeGreaterThanOrEqualTo(checks)
                .allSatisfy(check -> assertThat(check.get("passed").asBoolean()).as(check.toString()).isTrue());
        assertThat(jdbc.queryForObject("select version from read_model_version where read_model = ?"
                + " and state = 'SERVING'", Integer.class, readModel)).isEqualTo(progress.get("version").asInt());
    }

    private String newCart() {
        return json.readTree(new EmporiumClient(http).send(POST, "/carts", "{\"customerId\": \"customer-"
                + UUID.randomUUID() + "\"}").expectStatus().isCreated().expectBody(String.class).returnResult()
                .getResponseBody()).get("cartId").asString();
    }

    private void cart(HttpMethod method, String path, String body) {
        new EmporiumClient(http).send(method, path, body).expectStatus().is2xxSuccessful();
    }

    /** A cart as its reader sees it. */
    private JsonNode cartOf(String cartId) {
        return read("/carts/" + cartId);
    }

    @Test
    void rebuildingTheCartViewsFoldsEveryCartAsTheLiveProjectionDidAndStaysLive() {
        var client = new EmporiumClient(http);
        var mug = client.productOnSale(1_250, 50);
        var cup = client.productOnSale(700, 50);
        var tea = client.productOnSale(450, 50);
        var busy = newCart();
        cart(POST, "/carts/" + busy + "/items", "{\"sku\": \"%s\", \"quantity\": 2}".formatted(mug));
        cart(POST, "/carts/" + busy + "/items", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(cup));
        cart(POST, "/carts/" + busy + "/items", "{\"sku\": \"%s\", \"quantity\": 3}".formatted(mug));
        cart(HttpMethod.PUT, "/carts/" + busy + "/items/" + cup, "{\"quantity\": 4}");
        cart(POST, "/carts/" + busy + "/items", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(cup));
        cart(POST, "/carts/" + busy + "/items", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(tea));
        cart(HttpMethod.DELETE, "/carts/" + busy + "/items/" + tea, "");
        cart(POST, "/carts/" + busy + "/items", "{\"sku\": \"%s\", \"quantity\": 5}".formatted(tea));
        var emptied = newCart();
        cart(POST, "/carts/" + emptied + "/items", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(mug));
        cart(HttpMethod.DELETE, "/carts/" + emptied + "/items/" + mug, "");
        var checkedOut = newCart();
        cart(POST, "/carts/" + checkedOut + "/items", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(mug));
        cart(POST, "/carts/" + checkedOut + "/checkout", EmporiumClient.checkoutBody(EmporiumClient.GOOD_CARD));
        var carts = List.of(busy, emptied, checkedOut);
        var before = new HashMap<String, JsonNode>();
        await().atMost(SETTLE).untilAsserted(() -> {
            carts.forEach(cartId -> before.put(cartId, cartOf(cartId)));
            assertThat(before.get(checkedOut).get("status").asString()).isEqualTo("CHECKED_OUT");
            assertThat(before.get(busy).get("lines").size()).isEqualTo(3);
            assertThat(before.get(emptied).get("lines").size()).isZero();
        });

        var cartViews = rebuild("cart-views");

        assertSwitched(cartViews, "cart-views", 2);
        carts.forEach(cartId -> assertThat(cartOf(cartId)).isEqualTo(before.get(cartId)));

        cart(POST, "/carts/" + emptied + "/items", "{\"sku\": \"%s\", \"quantity\": 2}".formatted(cup));
        await().atMost(SETTLE).untilAsserted(() -> assertThat(cartOf(emptied).get("lines").size()).isEqualTo(1));
    }

    @Test
    void rebuildingTheAnalyticsGivesTheSameSalesAndStaysLive() {
        var client = new EmporiumClient(http);
        var sku = client.productOnSale(1_250, 50);
        var customer = "customer-" + UUID.randomUUID();
        var orders = IntStream.range(0, 3).mapToObj(i -> json.readTree(client.placeOrder(EmporiumClient.newKey(),
                EmporiumClient.orderBody(customer, sku, i + 1, 1_250)).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).get("orderId").asString()).toList();
        await().atMost(SETTLE).untilAsserted(() -> orders.forEach(orderId -> assertThat(read("/orders/" + orderId)
                .get("status").asString()).isEqualTo("CONFIRMED")));
        client.send(POST, "/orders/" + orders.getLast() + "/cancel", "").expectStatus().isOk();
        var sales = "/analytics/sales/daily?sku=" + sku;
        // A missing row reads as -1 and the wait goes on; Awaitility retries assertion errors only.
        await().atMost(SETTLE).untilAsserted(() -> assertThat(read(sales).at("/products/0/units").asLong(-1))
                .isEqualTo(3));
        var before = read(sales);

        var analytics = rebuild("analytics");

        assertSwitched(analytics, "analytics", 3);
        assertThat(read(sales)).isEqualTo(before);

        client.placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody(customer, sku, 4, 1_250))
                .expectStatus().isCreated();
        // A missing row reads as -1 and the wait goes on; Awaitility retries assertion errors only.
        await().atMost(SETTLE).untilAsserted(() -> assertThat(read(sales).at("/products/0/units").asLong(-1))
                .isEqualTo(7));
    }

    @Test
    void rebuildingTheOrderIndexKeepsEveryOrderSearchableAndStaysLive() throws Exception {
        var client = new EmporiumClient(http);
        var customer = "customer-" + UUID.randomUUID();
        var placed = json.readTree(client.placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody(customer,
                "SKU-INDEXED", 1, 990)).expectStatus().isCreated().expectBody(String.class).returnResult()
                .getResponseBody()).get("orderId").asString();
        await().atMost(SETTLE).ignoreExceptions().untilAsserted(() -> assertThat(elasticsearch.get(
                get -> get.index("orders").id(placed), Map.class).found()).isTrue());

        var orderSearch = rebuild("order-search");

        assertSwitched(orderSearch, "order-search", 2);
        assertThat(elasticsearch.indices().getAlias(request -> request.name("orders")).aliases().keySet())
                .containsExactly("orders-v" + orderSearch.get("version").asInt());
        assertThat(elasticsearch.get(get -> get.index("orders").id(placed), Map.class).source())
                .containsEntry("customerId", customer);

        var later = json.readTree(client.placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody(customer,
                "SKU-INDEXED", 1, 990)).expectStatus().isCreated().expectBody(String.class).returnResult()
                .getResponseBody()).get("orderId").asString();
        await().atMost(SETTLE).ignoreExceptions().untilAsserted(() -> assertThat(elasticsearch.get(
                get -> get.index("orders").id(later), Map.class).found()).isTrue());
    }

    @Test
    void aRebuildOfAReadModelThatDoesNotExistIsRefusedNamingTheField() {
        http.post().uri("/ops/rebuilds").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"projection\": \"no-such-view\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("projection");
    }

    @Test
    void anUnknownRebuildIsNotFound() {
        new EmporiumClient(http).get("/ops/rebuilds/" + UUID.randomUUID()).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
