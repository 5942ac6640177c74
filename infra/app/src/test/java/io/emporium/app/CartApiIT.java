package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Carts over HTTP: prices captured when added, re-validated at checkout, one order per cart. */
@EngineIT
class CartApiIT {

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;

    private EmporiumClient client() {
        return new EmporiumClient(http);
    }

    private String productOnSale(long price) {
        var sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        client().send(POST, "/products", """
                {"sku": "%s", "name": "Mug", "description": "", "category": "kitchen",
                 "price": {"amount": %d, "currency": "EUR"}}
                """.formatted(sku, price)).expectStatus().isCreated();
        client().send(POST, "/products/" + sku + "/activate", "").expectStatus().isOk();
        return sku;
    }

    private String newCart() {
        var created = client().send(POST, "/carts", "{\"customerId\": \"customer-" + UUID.randomUUID() + "\"}")
                .expectStatus().isCreated().expectBody(String.class).returnResult();
        return json.readTree(created.getResponseBody()).get("cartId").asString();
    }

    private WebTestClient.ResponseSpec checkOut(String cartId) {
        return client().send(POST, "/carts/" + cartId + "/checkout",
                EmporiumClient.checkoutBody(EmporiumClient.GOOD_CARD));
    }

    private void add(String cartId, String sku, int quantity) {
        client().send(POST, "/carts/" + cartId + "/items", "{\"sku\": \"%s\", \"quantity\": %d}".formatted(sku,
                quantity)).expectStatus().isOk();
    }

    @Test
    void aCheckedOutCartBecomesAnOrderAtThePricesTheCustomerSaw() {
        var mug = productOnSale(1250);
        var tea = productOnSale(899);
        var cartId = newCart();
        add(cartId, mug, 1);
        add(cartId, mug, 1);
        add(cartId, tea, 3);
        client().send(PUT, "/carts/" + cartId + "/items/" + tea, "{\"quantity\": 2}").expectStatus().isOk();

        var checkedOut = checkOut(cartId).expectStatus().isCreated()
                .expectHeader().exists("Emporium-Position")
                .expectBody(String.class).returnResult();
        var orderId = json.readTree(checkedOut.getResponseBody()).get("orderId").asString();

        var placed = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry"
                + " where aggregate_identifier = ? and sequence_number = 0", String.class, orderId);
        assertThat(json.readTree(placed).get("total").get("minorUnits").asLong()).isEqualTo(2 * 1250 + 2 * 899);
    }

    @Test
    void aPriceChangedSinceTheItemWasAddedSendsTheCustomerBackToTheCart() {
        var mug = productOnSale(1250);
        var cartId = newCart();
        add(cartId, mug, 1);
        client().send(PUT, "/products/" + mug + "/price", "{\"amount\": 1400, \"currency\": \"EUR\"}")
                .expectStatus().isOk();

        checkOut(cartId).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.reason").isEqualTo("PRICES_CHANGED");

        client().send(DELETE, "/carts/" + cartId + "/items/" + mug, "").expectStatus().isOk();
        add(cartId, mug, 1);
        checkOut(cartId).expectStatus().isCreated();
    }

    @Test
    void itemsNotOnSaleAndItemsForACheckedOutCartAreRejectedWithTheirReasons() {
        var cartId = newCart();
        client().send(POST, "/carts/" + cartId + "/items", "{\"sku\": \"SKU-NEVER-DEFINED\", \"quantity\": 1}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.reason").isEqualTo("PRODUCT_NOT_AVAILABLE");

        var mug = productOnSale(1250);
        add(cartId, mug, 1);
        checkOut(cartId).expectStatus().isCreated();
        client().send(POST, "/carts/" + cartId + "/items", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(mug))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.reason").isEqualTo("CART_ALREADY_CHECKED_OUT");
    }

    @Test
    void aHundredConcurrentCheckoutsOfOneCartPlaceExactlyOneOrder() throws Exception {
        var mug = productOnSale(1250);
        var cartId = newCart();
        add(cartId, mug, 2);
        var sharedKey = EmporiumClient.newKey();
        Callable<String> checkout = () -> Objects.requireNonNull(client().send(POST, "/carts/" + cartId
                        + "/checkout", EmporiumClient.checkoutBody(EmporiumClient.GOOD_CARD),
                        Math.random() < 0.5 ? sharedKey : EmporiumClient.newKey(), null)
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        try (var pool = Executors.newFixedThreadPool(16)) {
            var bodies = pool.invokeAll(IntStream.range(0, 100).mapToObj(i -> checkout).toList()).stream()
                    .map(future -> {
                        try {
                            return json.readTree(future.get()).get("orderId").asString();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }).distinct().toList();
            assertThat(bodies).hasSize(1);
            // Exactly one placement; the checkout process may already have decided about it (this SKU has no stock).
            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?"
                    + " and payload_type like '%OrderPlaced'", Integer.class, bodies.getFirst())).isOne();
        }
    }

    @Test
    void anUnknownCartIsANotFoundProblem() {
        client().send(POST, "/carts/" + UUID.randomUUID() + "/items", "{\"sku\": \"SKU-1\", \"quantity\": 1}")
                .expectStatus().isNotFound();
    }
}
