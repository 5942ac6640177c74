package io.emporium.app;

import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one way tests call Emporium's HTTP API, so that what every request needs (authentication, later) is added
 * in one place.
 */
final class EmporiumClient {

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
        return http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).bodyValue(jsonBody).exchange();
    }

    WebTestClient.ResponseSpec order(String orderId) {
        return http.get().uri("/orders/{id}", orderId).exchange();
    }

    WebTestClient.ResponseSpec get(String path) {
        return http.get().uri(path).exchange();
    }

    WebTestClient.ResponseSpec delete(String path) {
        return http.delete().uri(path).exchange();
    }

    WebTestClient.ResponseSpec post(String path, MediaType contentType, String body) {
        return http.post().uri(path).header("Idempotency-Key", newKey()).contentType(contentType).bodyValue(body)
                .exchange();
    }

    static String orderBody(String customerId, String sku, int quantity, long unitPrice) {
        return """
                {"customerId": "%s", "lines": [
                  {"sku": "%s", "quantity": %d, "unitPrice": {"amount": %d, "currency": "EUR"}}]}
                """.formatted(customerId, sku, quantity, unitPrice);
    }
}
