package io.emporium.app;

import io.emporium.servers.LoopbackPorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails.Node;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails.Node.Protocol;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A storefront instance whose product index does not answer (nothing listens where it looks for Elasticsearch)
 * tells its readers to come back, as a 503 problem with Retry-After, on the product page and in search alike: never
 * a 5xx without a body, never an empty page.
 */
@EngineIT
class ProductIndexOutageIT {

    @Test
    void productPagesAndSearchesAskToRetryWhileTheProductIndexIsDown() {
        var nowhere = List.of(new Node("127.0.0.1", LoopbackPorts.free(), Protocol.HTTP));
        try (var storefront = new SpringApplicationBuilder(EmporiumApplication.class)
                .properties(Map.of("emporium.roles.command.enabled", "false",
                        "emporium.roles.checkout.enabled", "false",
                        "emporium.roles.projections.enabled", "false",
                        "server.port", "0",
                        "spring.main.banner-mode", "off"))
                .initializers(context -> ((GenericApplicationContext) context).registerBean(
                        "unreachableProductIndex", ElasticsearchConnectionDetails.class,
                        () -> () -> nowhere, definition -> definition.setPrimary(true)))
                .run()) {
            var port = ((WebServerApplicationContext) storefront).getWebServer().getPort();
            var http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                    .responseTimeout(Duration.ofSeconds(30)).build();

            for (var read : List.of("/products/SKU-ANY", "/products/search?q=mug")) {
                http.get().uri(read).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().jsonPath("$.detail").isEqualTo(
                                "The read model does not answer right now; retry shortly.");
            }
        }
    }
}
