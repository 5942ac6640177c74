package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.POST;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** An order moved along over HTTP, its rules answered as problems, and every read model following it. */
@EngineIT
class OrderLifecycleIT {

    @Autowired WebTestClient http;
    @Autowired JsonMapper json;
    @Autowired ElasticsearchClient elasticsearch;

    private final PspSimulator psp = new PspSimulator();

    @AfterEach
    void noFaultsLeftForOtherTests() throws Exception {
        psp.clearFaults();
    }

    @Test
    void aPlacedOrderCannotShipButCanBeCancelledAndTheReadModelsFollow() throws Exception {
        // The PSP holds the authorization, so the order waits for its payment while the client moves it.
        psp.addFaults("{\"rules\": [{\"operation\": \"authorize\", \"kind\": \"timeout\", \"holdMs\": 5000}]}");
        var client = new EmporiumClient(http);
        var sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        client.send(POST, "/inventory/" + sku + "/receipts", "{\"quantity\": 5}").expectStatus().isCreated();
        var placed = client.placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody(
                "customer-" + UUID.randomUUID(), sku, 1, 1250)).expectStatus().isCreated()
                .expectBody(String.class).returnResult();
        var orderId = json.readTree(placed.getResponseBody()).get("orderId").asString();

        client.send(POST, "/orders/" + orderId + "/ship", "").expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.reason").isEqualTo("ORDER_NOT_CONFIRMED");
        client.send(POST, "/orders/" + orderId + "/cancel", "{\"reason\": \"CUSTOMER_REQUEST\"}")
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        client.send(POST, "/orders/" + orderId + "/cancel", "").expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        client.send(POST, "/orders/" + orderId + "/deliver", "").expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.reason").isEqualTo("ORDER_NOT_SHIPPED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> client.order(orderId).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(elasticsearch.get(
                get -> get.index("orders").id(orderId), Map.class).source()).containsEntry("status", "CANCELLED"));
    }

    @Test
    void movingAnUnknownOrderIsANotFoundProblem() {
        new EmporiumClient(http).send(POST, "/orders/" + UUID.randomUUID() + "/cancel", "")
                .expectStatus().isNotFound();
    }
}
