package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /ops/processors} tells where each processor's segments stand: once an order's events are handled,
 * every segment of the order-views processor is at or past the order's position, idle segments included, long
 * before their stored tokens would say so.
 */
@EngineIT
class ProcessorOpsIT {

    @Autowired WebTestClient http;
    @Autowired JsonMapper json;

    @Test
    void everySegmentOfAProcessorReportsAPositionPastAnOrderOnceItsEventsAreHandled() {
        var placed = new EmporiumClient(http)
                .placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody("customer-" + UUID.randomUUID(),
                        "SKU-MUG", 1, 1250))
                .expectStatus().isCreated().expectBody(String.class).returnResult();
        var position = Long.parseLong(
                Objects.requireNonNull(placed.getResponseHeaders().getFirst("Emporium-Position")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var orderViews = orderViews();
            assertThat(orderViews.get("running").asBoolean()).isTrue();
            assertThat(orderViews.get("error").asBoolean()).isFalse();
            assertThat(orderViews.get("segments")).isNotEmpty().allSatisfy(segment -> {
                assertThat(segment.get("position").asLong()).isGreaterThanOrEqualTo(position);
                assertThat(segment.get("error").isNull()).isTrue();
            });
        });
    }

    private JsonNode orderViews() {
        var body = new EmporiumClient(http).get("/ops/processors").expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        for (var processor : json.readTree(body)) {
            if (processor.get("name").asString().equals("order-views")) {
                return processor;
            }
        }
        throw new AssertionError("no order-views processor in " + body);
    }
}
