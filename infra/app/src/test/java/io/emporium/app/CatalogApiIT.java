package io.emporium.app;

import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The catalog over HTTP: versions in ETags, If-Match, business rejections with reasons, and bad input. */
@EngineIT
class CatalogApiIT {

    @Autowired WebTestClient http;

    private EmporiumClient client() {
        return new EmporiumClient(http);
    }

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String product(String sku, long price) {
        return """
                {"sku": "%s", "name": "Crème mug", "description": "Stoneware, 300 ml", "category": "kitchen",
                 "attributes": {"colour": "cream"}, "price": {"amount": %d, "currency": "EUR"}}
                """.formatted(sku, price);
    }

    @Test
    void aDefinedProductIsCreatedAtVersionZeroAndEachChangeMovesItsVersion() {
        var sku = newSku();
        client().send(POST, "/products", product(sku, 1250)).expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/products/" + sku)
                .expectHeader().valueEquals("ETag", "\"0\"");
        client().send(POST, "/products/" + sku + "/activate", "").expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        client().send(PUT, "/products/" + sku + "/price", "{\"amount\": 1100, \"currency\": \"EUR\"}")
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"");
        client().send(PATCH, "/products/" + sku, "{\"name\": \"Cream mug\"}")
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"3\"");
    }

    @Test
    void repeatingAChangeWithANewKeyChangesNothing() {
        var sku = newSku();
        client().send(POST, "/products", product(sku, 1250)).expectStatus().isCreated();
        client().send(POST, "/products", product(sku, 1250)).expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"0\"");
    }

    @Test
    void anotherProductUnderATakenSkuIsAConflictWithItsReason() {
        var sku = newSku();
        client().send(POST, "/products", product(sku, 1250)).expectStatus().isCreated();
        client().send(POST, "/products", product(sku, 999)).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reason").isEqualTo("PRODUCT_ALREADY_DEFINED");
    }

    @Test
    void aPriceChangeForADiscontinuedProductIsAConflictWithItsReason() {
        var sku = newSku();
        client().send(POST, "/products", product(sku, 1250)).expectStatus().isCreated();
        client().send(POST, "/products/" + sku + "/discontinue", "").expectStatus().isOk();
        client().send(PUT, "/products/" + sku + "/price", "{\"amount\": 1, \"currency\": \"EUR\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.reason").isEqualTo("PRODUCT_DISCONTINUED");
    }

    @Test
    void aChangeBasedOnAnOutdatedVersionIsAPreconditionFailure() {
        var sku = newSku();
        client().send(POST, "/products", product(sku, 1250)).expectStatus().isCreated();
        client().send(PUT, "/products/" + sku + "/price", "{\"amount\": 1100, \"currency\": \"EUR\"}",
                EmporiumClient.newKey(), "\"0\"").expectStatus().isOk();
        client().send(PUT, "/products/" + sku + "/price", "{\"amount\": 1000, \"currency\": \"EUR\"}",
                        EmporiumClient.newKey(), "\"0\"")
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reason").isEqualTo("VERSION_MISMATCH");
    }

    @Test
    void changingAnUnknownProductIsANotFoundProblem() {
        client().send(PUT, "/products/" + newSku() + "/price", "{\"amount\": 1, \"currency\": \"EUR\"}")
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void invalidProductsAndSkusAreBadRequestProblemsNamingTheFields() {
        client().send(POST, "/products", """
                        {"sku": "no spaces allowed", "name": "", "category": "kitchen", "description": "",
                         "price": {"amount": -1, "currency": "EUR"}}
                        """)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'sku')]").exists()
                .jsonPath("$.errors[?(@.field == 'name')]").exists()
                .jsonPath("$.errors[?(@.field == 'price.amount')]").exists();
        client().send(POST, "/products/" + "x".repeat(80) + "/discontinue", "")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client().send(PATCH, "/products/" + newSku(), "{}")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aStateChangeWithoutIdempotencyKeyIsABadRequestProblem() {
        client().sendWithoutKey(POST, "/products", product(newSku(), 1)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
