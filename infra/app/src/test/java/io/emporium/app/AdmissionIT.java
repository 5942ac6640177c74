package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * An instance answers the changes beyond its bound of requests in flight at once with 503 OVERLOADED, as
 * application/problem+json with Retry-After, having done nothing for them: the same request sent again later is
 * simply taken.
 */
@EngineIT
class AdmissionIT {

    private final PspSimulator psp = new PspSimulator();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void noFaultsLeftForOtherTests() throws Exception {
        psp.clearFaults();
    }

    @Test
    void turnsAwayAnOrderWhileItsBoundIsInFlightAndTakesItWhenSentAgain() throws Exception {
        try (var instance = new SpringApplicationBuilder(EmporiumApplication.class)
                .properties(Map.of("emporium.commands.max-in-flight", "1",
                        "server.port", "0",
                        "emporium.roles.checkout.enabled", "false",
                        "emporium.roles.projections.enabled", "false",
                        "emporium.roles.query.enabled", "false",
                        "spring.main.banner-mode", "off"))
                .run()) {
            var base = URI.create("http://localhost:"
                    + ((WebServerApplicationContext) instance).getWebServer().getPort());
            var inFlight = instance.getBean(MeterRegistry.class).get("emporium.commands.in.flight").gauge();
            // The first order's card tokenization takes a while, so it is still in flight when the second arrives.
            psp.addFaults("""
                    {"rules": [{"operation": "tokenize", "kind": "latency", "latencyMs": 1500}]}""");
            var firstKey = EmporiumClient.newKey();
            var first = http.sendAsync(placeOrder(base, firstKey), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.value() == 1.0);

            var secondKey = EmporiumClient.newKey();
            var turnedAway = http.send(placeOrder(base, secondKey), HttpResponse.BodyHandlers.ofString());

            assertThat(turnedAway.statusCode()).isEqualTo(503);
            assertThat(turnedAway.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(turnedAway.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(turnedAway.body()).contains("\"reason\":\"OVERLOADED\"");
            assertThat(first.get().statusCode()).isEqualTo(201);

            psp.clearFaults();
            var sentAgain = http.send(placeOrder(base, secondKey), HttpResponse.BodyHandlers.ofString());
            assertThat(sentAgain.statusCode()).isEqualTo(201);
            assertThat(sentAgain.headers().firstValue("Idempotent-Replayed")).isEmpty();
        }
    }

    private static HttpRequest placeOrder(URI base, String key) {
        return HttpRequest.newBuilder(base.resolve("/orders")).header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(EmporiumClient.orderBody("c-admission", "SKU-ADMISSION", 1,
                        1_000)))
                .build();
    }
}
