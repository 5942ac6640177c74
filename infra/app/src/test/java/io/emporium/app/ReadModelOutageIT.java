package io.emporium.app;

import io.emporium.servers.LoopbackPorts;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails.Node;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails.Node.Protocol;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A query instance whose read model's store does not answer (nothing listens where it looks for it) tells its
 * readers to come back, as a 503 problem with Retry-After: never a 500, never an empty page.
 */
@EngineIT
class ReadModelOutageIT {

    @Test
    void productPagesAndSearchesAskToRetryWhileTheProductIndexIsDown() {
        var nowhere = List.of(new Node("127.0.0.1", LoopbackPorts.free(), Protocol.HTTP));
        askToRetry(ElasticsearchConnectionDetails.class, () -> () -> nowhere,
                List.of("/products/SKU-ANY", "/products/search?q=mug"));
    }

    @Test
    void cartAndOrderReadsAskToRetryWhileTheirDatabaseIsDown() {
        var nowhere = ConnectionFactoryOptions.parse("r2dbc:postgresql://emporium:emporium@127.0.0.1:"
                + LoopbackPorts.free() + "/emporium");
        askToRetry(R2dbcConnectionDetails.class, () -> () -> nowhere, List.of("/carts/" + UUID.randomUUID(),
                "/orders/" + UUID.randomUUID(), "/customers/customer-" + UUID.randomUUID() + "/orders"));
    }

    /** Reads from a query-only instance whose connection details of the given kind point nowhere. */
    private static <T> void askToRetry(Class<T> details, Supplier<T> unreachable, List<String> reads) {
        try (var queries = new SpringApplicationBuilder(EmporiumApplication.class)
                .properties(Map.of("emporium.roles.command.enabled", "false",
                        "emporium.roles.checkout.enabled", "false",
                        "emporium.roles.projections.enabled", "false",
                        "server.port", "0",
                        "spring.main.banner-mode", "off"))
                .initializers(context -> ((GenericApplicationContext) context).registerBean(
                        "unreachable", details, unreachable, definition -> definition.setPrimary(true)))
                .run()) {
            var port = ((WebServerApplicationContext) queries).getWebServer().getPort();
            var http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                    .responseTimeout(Duration.ofSeconds(30)).build();

            for (var read : reads) {
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
