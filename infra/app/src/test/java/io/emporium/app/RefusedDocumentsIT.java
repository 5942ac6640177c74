package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.POST;

import io.emporium.contracts.catalog.CatalogEvent.ProductDefined;
import io.emporium.contracts.catalog.ProductDetails;
import io.emporium.contracts.money.Money;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A product event Elasticsearch can never index (stored before the API limited names, say) does not stop the product
 * index: the document is set aside with its reason for operators, and every other product keeps being indexed.
 */
@EngineIT
class RefusedDocumentsIT {

    @Autowired WebTestClient http;
    @Autowired EventStore eventStore;
    @Autowired JsonMapper json;

    private JsonNode get(String uri) {
        return new EmporiumClient(http).readJson(uri);
    }

    /** A product definition as an old version of the engine could have stored it, with a name too long to index. */
    private void storeUnindexableDefinition(String sku) {
        var endlessName = new ProductDetails("x".repeat(40_000), "", "kitchen", Map.of());
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        var result = unitOfWork.executeWithResult(() -> {
            eventStore.publish(new GenericDomainEventMessage<>("Product", "product:" + sku, 0,
                    new ProductDefined(sku, endlessName, Money.of(100, "EUR"))));
            return null;
        });
        assertThat(result.isExceptional()).as("the definition is stored").isFalse();
    }

    @Test
    void aDocumentTheIndexRefusesIsListedForOperatorsWhileOtherProductsAreStillIndexed() {
        var unindexable = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        storeUnindexableDefinition(unindexable);

        var category = "refused-" + unindexable.toLowerCase(Locale.ROOT);
        var later = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        var client = new EmporiumClient(http);
        client.send(POST, "/products", """
                {"sku": "%s", "name": "Teapot", "description": "", "category": "%s",
                 "price": {"amount": 990, "currency": "EUR"}}""".formatted(later, category)).expectStatus().isCreated();
        client.send(POST, "/products/" + later + "/activate", "").expectStatus().isOk();

        // The refusal commits with its batch's token, after the index took the batch's other documents.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var found = get("/products/search?q=teapot&category=" + category).get("products").valueStream()
                    .map(product -> product.get("sku").asString());
            assertThat(found).containsExactly(later);
            var refused = get("/ops/refused-documents").valueStream()
                    .filter(record -> record.get("documentId").asString().equals(unindexable));
            assertThat(refused).singleElement().satisfies(record -> {
                assertThat(record.get("index").asString()).startsWith("products-v");
                assertThat(record.get("status").asInt()).isEqualTo(400);
                assertThat(record.get("reason").asString()).contains("name.sort");
                assertThat(record.get("position").asLong()).isPositive();
            });
        });
    }

    @Test
    void aLimitOutsideItsRangeIsABadRequestNamingIt() {
        http.get().uri("/ops/refused-documents?limit=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
    }
}
