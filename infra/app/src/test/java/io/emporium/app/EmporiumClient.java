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
        return http.post().uri("/orders")
                .header("Idempotency-Key", idempotencyKey)
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

    static String orderBody(String customerId, String sku, int quantity, long unitPrice) {
        return """
                {"customerId": "%s", "lines": [
                  {"sku": "%s", "quantity": %d, "unitPrice": {"amount": %d, "currency": "EUR"}}]}
                """.formatted(customerId, sku, quantity, unitPrice);
    }
}
