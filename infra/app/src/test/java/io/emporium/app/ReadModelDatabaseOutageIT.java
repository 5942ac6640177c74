package io.emporium.app;

import io.emporium.servers.LoopbackPorts;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A query instance whose PostgreSQL read models do not answer (nothing listens where it reads them through R2DBC)
 * tells its readers to come back, as a 503 problem with Retry-After, for carts, orders and order history alike:
 * never a 500.
 */
@EngineIT
class ReadModelDatabaseOutageIT {

    @Test
    void cartAndOrderReadsAskToRetryWhileTheirDatabaseIsDown() {
        var nowhere = ConnectionFactoryOptions.parse("r2dbc:postgresql://emporium:emporium@127.0.0.1:"
                + LoopbackPorts.free() + "/emporium");
        try (var queries = new SpringApplicationBuilder(EmporiumApplication.class)
                .properties(Map.of("emporium.roles.command.enabled", "false",
                        "emporium.roles.checkout.enabled", "false",
                        "emporium.roles.projections.enabled", "false",
                        "server.port", "0",
                        "spring.main.banner-mode", "off"))
                .initializers(context -> ((GenericApplicationContext) context).registerBean(
                        "unreachableReadModels", R2dbcConnectionDetails.class,
                        () -> () -> nowhere, definition -> definition.setPrimary(true)))
                .run()) {
            var port = ((WebServerApplicationContext) queries).getWebServer().getPort();
            var http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                    .responseTimeout(Duration.ofSeconds(30)).build();

            for (var read : List.of("/carts/" + UUID.randomUUID(), "/orders/" + UUID.randomUUID(),
                    "/customers/customer-" + UUID.randomUUID() + "/orders")) {
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
