package io.emporium.app;

import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.PUT;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A storefront instance that only serves queries drops its cached product page as soon as another instance's
 * projection writes the product's change: its readers never wait out the cache's time to live for a new price.
 */
@EngineIT
class ProductCacheAcrossInstancesIT {

    @Autowired WebTestClient http;

    private static void assertPrice(WebTestClient storefront, String sku, long minorUnits) {
        storefront.get().uri("/products/{sku}", sku).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.price.minorUnits").isEqualTo(minorUnits);
    }

    @Test
    void aQueryOnlyInstanceServesTheNewPriceOnceTheProjectionWroteIt() {
        var client = new EmporiumClient(http);
        var sku = client.productOnSale(1_250, 3);

        try (var queryOnly = new SpringApplicationBuilder(EmporiumApplication.class)
                .properties(Map.of("emporium.roles.command.enabled", "false",
                        "emporium.roles.checkout.enabled", "false",
                        "emporium.roles.projections.enabled", "false",
                        "emporium.query.product-cache.time-to-live", "1h",
                        "emporium.query.product-cache.refresh-after", "1h",
                        "server.port", "0",
                        "spring.main.banner-mode", "off"))
                .run()) {
            var port = ((WebServerApplicationContext) queryOnly).getWebServer().getPort();
            var storefront = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                    .responseTimeout(Duration.ofSeconds(10)).build();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertPrice(storefront, sku, 1_250)); // now cached for an hour

            client.send(PUT, "/products/" + sku + "/price", "{\"amount\": 990, \"currency\": \"EUR\"}")
                    .expectStatus().isOk();

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertPrice(storefront, sku, 990));
        }
    }
}
