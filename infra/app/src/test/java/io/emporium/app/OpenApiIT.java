package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** The served OpenAPI document describes the whole HTTP API, including what every change requires. */
@EngineIT
class OpenApiIT {

    @Autowired WebTestClient http;
    @Autowired JsonMapper json;

    @Test
    void theDocumentDescribesEveryResourceAndRequiresAnIdempotencyKeyForChanges() {
        var document = json.readTree(new EmporiumClient(http).get("/v3/api-docs").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        var paths = document.get("paths");

        assertThat(paths.propertyNames()).contains("/orders", "/orders/{orderId}", "/products",
                "/products/{sku}", "/products/{sku}/price", "/products/{sku}/activate", "/products/{sku}/discontinue",
                "/inventory/{sku}/receipts", "/inventory/{sku}/adjustments", "/customers",
                "/customers/{customerId}/address", "/carts", "/carts/{cartId}/items", "/carts/{cartId}/items/{sku}",
                "/carts/{cartId}/checkout", "/products/search", "/products/suggest");
        var placeOrder = paths.get("/orders").get("post");
        assertThat(placeOrder.get("parameters").values()).anySatisfy(parameter -> {
            assertThat(parameter.get("name").asString()).isEqualTo("Idempotency-Key");
            assertThat(parameter.get("required").asBoolean()).isTrue();
        });
        assertThat(placeOrder.get("responses").get("503").get("description").asString()).contains("OVERLOADED");
        // The page is a functional route sending the bytes the cache keeps; the document still tells what they hold.
        var productPage = paths.get("/products/{sku}").get("get");
        assertThat(productPage.get("responses").get("200").get("content")
                .get("application/json").get("schema").get("$ref").asString()).endsWith("/ProductView");
        assertThat(productPage.get("parameters").values()).anySatisfy(parameter -> {
            assertThat(parameter.get("name").asString()).isEqualTo("sku");
            assertThat(parameter.get("in").asString()).isEqualTo("path");
        });
        assertThat(productPage.get("responses").propertyNames()).contains("400", "404", "406");
    }
}
