package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.webflux.actuate.endpoint.web.AbstractWebFluxEndpointHandlerMapping;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/** What operators rely on: readiness that asks every server, metrics including Axon's, and correlation ids. */
@EngineIT
class ObservabilityIT {

    @Autowired WebTestClient http;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired DispatcherHandler dispatcher;

    @Test
    void readinessAsksPostgresKafkaAndElasticsearch() {
        new EmporiumClient(http).get("/actuator/health/readiness").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP")
                .jsonPath("$.components.elasticsearch.status").isEqualTo("UP");
    }

    @Test
    void storefrontRequestsFindTheirRouteBeforeTheActuatorIsAskedAndTheActuatorStillAnswers() {
        assertThat(lookupPosition(AbstractWebFluxEndpointHandlerMapping.class))
                .isGreaterThan(lookupPosition(RouterFunctionMapping.class))
                .isGreaterThan(lookupPosition(RequestMappingHandlerMapping.class));
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/metrics/jvm.threads.live").exchange().expectStatus().isOk();
    }

    private int lookupPosition(Class<?> kind) {
        var mappings = Objects.requireNonNull(dispatcher.getHandlerMappings());
        return mappings.indexOf(mappings.stream().filter(kind::isInstance).findFirst().orElseThrow());
    }

    @Test
    void prometheusExposesAxonsCommandStoreAndProcessorMetrics() {
        var client = new EmporiumClient(http);
        client.placeOrder(EmporiumClient.newKey(),
                        EmporiumClient.orderBody("customer-" + UUID.randomUUID(), "SKU-MUG", 1, 100))
                .expectStatus().isCreated();

        // Axon registers the command bus and event store meters on their first message: wait for that outcome.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                client.get("/actuator/prometheus").expectStatus().isOk().expectBody(String.class).returnResult()
                        .getResponseBody())
                .contains("commandBus_successCounter_total")
                .contains("eventStore_successCounter_total")
                .contains("eventProcessor_latency{processorName=\"order-views\"")
                .contains("eventProcessor_successCounter_total{processorName=\"order-views\"")
                // Processors are measured per processor, not per event type: no meter lookup per event read.
                .doesNotContainPattern("eventProcessor_\\w+\\{[^}]*payloadType")
                .contains("hikaricp_connections_active")
                // The query side's pool of R2DBC connections: readers waiting for one show as pending.
                .contains("r2dbc_pool_pending_connections"));
    }

    @Test
    void theCallersCorrelationIdIsEchoedAndTravelsIntoTheEvents() {
        var correlationId = "checkout-" + UUID.randomUUID();
        var placed = new EmporiumClient(http).placeOrder(EmporiumClient.newKey(),
                        EmporiumClient.orderBody("customer-" + UUID.randomUUID(), "SKU-MUG", 1, 100), correlationId)
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-Correlation-Id", correlationId)
                .expectBody(String.class).returnResult();
        var orderId = json.readTree(placed.getResponseBody()).get("orderId").asString();

        var metaData = jdbc.queryForObject(
                "select meta_data from domain_event_entry where aggregate_identifier = ? and sequence_number = 0",
                byte[].class, orderId);
        assertThat(json.readTree(Objects.requireNonNull(metaData)).get("traceId").asString()).isEqualTo(correlationId);
    }
}
