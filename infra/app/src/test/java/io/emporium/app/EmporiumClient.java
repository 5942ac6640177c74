package io.emporium.app;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way tests call Emporium's HTTP API, so that what every request needs (authentication, later) is added
 * in one place.
 */
final class EmporiumClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient http;

    EmporiumClient(WebTestClient http) {
        this.http = http;
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    WebTestClient.ResponseSpec placeOrder(String idempotencyKey, String jsonBody) {
        return placeOrder(idempotencyKey, jsonBody, UUID.randomUUID().toString());
    }

    WebTestClient.ResponseSpec placeOrder(String idempotencyKey, String jsonBody, String correlationId) {
        return http.post().uri("/orders")
                .header("Idempotency-Key", idempotencyKey)
                .header("X-Correlation-Id", correlationId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(jsonBody)
                .exchange();
    }

    WebTestClient.ResponseSpec placeOrderWithoutKey(String jsonBody) {
        return sendWithoutKey(HttpMethod.POST, "/orders", jsonBody);
    }

    WebTestClient.ResponseSpec sendWithoutKey(HttpMethod method, String path, String jsonBody) {
        return http.method(method).uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(jsonBody).exchange();
    }

    WebTestClient.ResponseSpec order(String orderId) {
        return http.get().uri("/orders/{id}", orderId).exchange();
    }

    WebTestClient.ResponseSpec get(String path) {
        return http.get().uri(path).exchange();
    }

    /** The JSON body of a read that must succeed. */
    JsonNode readJson(String path) {
        return JSON.readTree(get(path).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
    }

    WebTestClient.ResponseSpec delete(String path) {
        return http.delete().uri(path).exchange();
    }

    /** A state-changing request with a JSON body (or none) and a fresh Idempotency-Key. */
    WebTestClient.ResponseSpec send(HttpMethod method, String path, String jsonBody) {
        return send(method, path, jsonBody, newKey(), null);
    }

    WebTestClient.ResponseSpec send(HttpMethod method, String path, String jsonBody, String idempotencyKey,
                                    @Nullable String ifMatch) {
        var request = http.method(method).uri(path).header("Idempotency-Key", idempotencyKey);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return jsonBody.isEmpty() ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(jsonBody).exchange();
    }

    WebTestClient.ResponseSpec post(String path, MediaType contentType, String body) {
        return http.post().uri(path).header("Idempotency-Key", newKey()).contentType(contentType).bodyValue(body)
                .exchange();
    }

    /** A new product on sale at {@code price} euro cents, with {@code stock} units received (none for 0). */
    String productOnSale(long price, int stock) {
        var sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        send(HttpMethod.POST, "/products", """
                {"sku": "%s", "name": "Mug", "description": "", "category": "kitchen",
                 "price": {"amount": %d, "currency": "EUR"}}""".formatted(sku, price)).expectStatus().isCreated();
        send(HttpMethod.POST, "/products/" + sku + "/activate", "").expectStatus().isOk();
        if (stock > 0) {
            send(HttpMethod.POST, "/inventory/" + sku + "/receipts", "{\"quantity\": %d}".formatted(stock))
                    .expectStatus().isCreated();
        }
        return sku;
    }

    /** A test card the PSP simulator authorizes, as payment PSPs document them. */
    static final String GOOD_CARD = "4242424242424242";
    /** A test card the PSP simulator declines. */
    static final String DECLINED_CARD = "4000000000000002";

    static String payment(String cardNumber) {
        return """
                {"card": {"number": "%s", "expMonth": 12, "expYear": 2030, "cvc": "123"}}""".formatted(cardNumber);
    }

    /** @param token the PSP's answer to a tokenization, which the storefront passes on as it is */
    static String tokenPayment(String token) {
        return "{\"cardToken\": " + token + "}";
    }

    static String orderBody(String customerId, String sku, int quantity, long unitPrice) {
        return orderBody(customerId, sku, quantity, unitPrice, payment(GOOD_CARD));
    }

    static String orderBody(String customerId, String sku, int quantity, long unitPrice, String payment) {
        return """
                {"customerId": "%s", "lines": [
                  {"sku": "%s", "quantity": %d, "unitPrice": {"amount": %d, "currency": "EUR"}}],
                 "payment": %s}
                """.formatted(customerId, sku, quantity, unitPrice, payment);
    }

    /** The body of POST /carts/{id}/checkout. */
    static String checkoutBody(String cardNumber) {
        return "{\"payment\": " + payment(cardNumber) + "}";
    }
}
