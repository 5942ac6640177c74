package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** POST /orders: exactly one order per Idempotency-Key, and a clear 4xx problem for anything a client got wrong. */
@EngineIT
class PlaceOrderIT {

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;

    private EmporiumClient client() {
        return new EmporiumClient(http);
    }

    private static String body(String customer) {
        return EmporiumClient.orderBody(customer, "SKU-MUG", 1, 1250);
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheSameResponseAndPlacesNoSecondOrder() {
        var key = EmporiumClient.newKey();
        var customer = "customer-" + UUID.randomUUID();
        var first = client().placeOrder(key, body(customer)).expectStatus().isCreated()
                .expectBody(String.class).returnResult();
        // Whitespace differs, meaning does not: still the same request.
        var second = client().placeOrder(key, body(customer).replace(" ", "")).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).returnResult();

        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(second.getResponseHeaders().getETag()).isEqualTo(first.getResponseHeaders().getETag());
        assertThat(second.getResponseHeaders().getFirst("Emporium-Position"))
                .isEqualTo(first.getResponseHeaders().getFirst("Emporium-Position"));
        assertThat(ordersPlacedFor(customer)).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesWithOneKeyPlaceExactlyOneOrder() throws Exception {
        var key = EmporiumClient.newKey();
        var customer = "customer-" + UUID.randomUUID();
        Callable<EntityExchangeResult<String>> place = () -> client().placeOrder(key, body(customer))
                .expectStatus().isCreated().expectBody(String.class).returnResult();
        try (var pool = Executors.newFixedThreadPool(16)) {
            var results = pool.invokeAll(IntStream.range(0, 32).mapToObj(i -> place).toList());
            var bodies = results.stream().map(future -> {
                try {
                    return Objects.requireNonNull(future.get().getResponseBody());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).distinct().toList();
            assertThat(bodies).hasSize(1);
        }
        assertThat(ordersPlacedFor(customer)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAsUnprocessable() {
        var key = EmporiumClient.newKey();
        var customer = "customer-" + UUID.randomUUID();
        client().placeOrder(key, body(customer)).expectStatus().isCreated();

        client().placeOrder(key, EmporiumClient.orderBody(customer, "SKU-TEA", 2, 899))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.reason").isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(ordersPlacedFor(customer)).isEqualTo(1);
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        client().placeOrder(EmporiumClient.newKey(), "{\"customerId\": \"c\", \"lines\": [")
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(400);
    }

    @Test
    void missingAndInvalidFieldsAreABadRequestProblemNamingThem() {
        client().placeOrder(EmporiumClient.newKey(), """
                        {"lines": [{"sku": "SKU-MUG", "quantity": 0, "unitPrice": {"amount": 5, "currency": "XYZ"}}]}
                        """)
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'customerId')]").exists()
                .jsonPath("$.errors[?(@.field == 'lines[0].quantity')]").exists()
                .jsonPath("$.errors[?(@.field == 'lines[0].unitPrice.knownCurrency')]").exists();
    }

    @Test
    void payingWithBothACardAndATokenOrWithNeitherIsABadRequestProblem() {
        var both = """
                {"card": {"number": "4242424242424242", "expMonth": 12, "expYear": 2030, "cvc": "123"},
                 "cardToken": {"token": "tok_abc", "brand": "visa", "last4": "4242"}}""";
        for (var payment : List.of(both, "{}")) {
            client().placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody("c", "SKU-MUG", 1, 1250, payment))
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.errors[?(@.field == 'payment.oneWayToPay')]").exists();
        }
    }

    @Test
    void aMalformedCardTokenIsABadRequestProblemNamingItsFields() {
        client().placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody("c", "SKU-MUG", 1, 1250, """
                        {"cardToken": {"token": "4242424242424242", "brand": "Visa!", "last4": "42"}}"""))
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'payment.cardToken.token')]").exists()
                .jsonPath("$.errors[?(@.field == 'payment.cardToken.brand')]").exists()
                .jsonPath("$.errors[?(@.field == 'payment.cardToken.last4')]").exists();
    }

    @Test
    void aWrongTypeIsABadRequestProblem() {
        client().placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody("c", "SKU", 1, 1)
                        .replace("\"quantity\": 1", "\"quantity\": \"many\""))
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void anOrderWithoutIdempotencyKeyIsABadRequestProblem() {
        client().placeOrderWithoutKey(body("customer-" + UUID.randomUUID()))
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void anUnreadableIdempotencyKeyIsABadRequestProblem() {
        client().placeOrder("x".repeat(256), body("customer-" + UUID.randomUUID()))
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
    }

    private int ordersPlacedFor(String customer) {
        // The payload is Jackson JSON; the customer id is unique per test, so a byte search finds exactly its orders.
        return Objects.requireNonNull(jdbc.queryForObject("""
                select count(*) from domain_event_entry
                 where payload_type like '%OrderPlaced' and position(convert_to(?, 'UTF8') in payload) > 0
                """, Integer.class, customer));
    }
}
