package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.emporium.contracts.schema.EventSchemas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the engine really writes to Kafka is what {@code contracts} publishes: every record that a shop's day of
 * catalog, stock, cart, order and customer changes leaves on the context topics, and every record a replay of that
 * day writes, fits the envelope's schema and the schema its {@code dataschema} names; and that day touches every
 * published event type, so no schema goes unchecked.
 */
@EngineIT
class EventSchemasIT {

    private static final List<String> CONTEXT_TOPICS = List.of("emporium.catalog.v1", "emporium.inventory.v1",
            "emporium.carts.v1", "emporium.orders.v1", "emporium.customers.v1");
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Autowired WebTestClient http;
    @Autowired JsonMapper json;
    @Autowired KafkaConnectionDetails kafka;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private Schema schema(String uri) {
        return schemas.computeIfAbsent(uri, location -> registry.getSchema(SchemaLocation.of(location)));
    }


    private EmporiumClient client() {
        return new EmporiumClient(http);
    }

    private JsonNode body(WebTestClient.ResponseSpec response) {
        return json.readTree(Objects.requireNonNull(response.expectBody(String.class).returnResult()
                .getResponseBody()));
    }

    /** A new active product; {@code defined} receives the position of its first event. */
    private String product(long price, java.util.function.LongConsumer defined) {
        var sku = "SKU-S" + UUID.randomUUID().toString().substring(0, 8);
        var created = client().send(POST, "/products", """
                {"sku": "%s", "name": "Crème brûlée dish", "description": "Stoneware", "category": "kitchen",
                 "attributes": {"colour": "white"}, "price": {"amount": %d, "currency": "EUR"}}"""
                .formatted(sku, price)).expectStatus().isCreated().expectBody(String.class).returnResult();
        defined.accept(Long.parseLong(Objects.requireNonNull(
                created.getResponseHeaders().getFirst("Emporium-Position"))));
        client().send(POST, "/products/" + sku + "/activate", "").expectStatus().isOk();
        return sku;
    }

    private String product(long price) {
        return product(price, position -> { });
    }

    private String placeOrder(String customer, String sku) {
        return body(client().placeOrder(EmporiumClient.newKey(), EmporiumClient.orderBody(customer, sku, 1, 1250))
                .expectStatus().isCreated()).get("orderId").asString();
    }

    private void awaitStatus(String orderId, String status) {
        await().atMost(SETTLE).untilAsserted(() -> client().order(orderId).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo(status));
    }

    /**
     * One of everything the shop records, each published event type at least once.
     *
     * @return the global position of the day's first event
     */
    private long aDayOfShopping() {
        var customer = "customer-" + UUID.randomUUID();
        var first = new long[1];
        var mug = product(1250, position -> first[0] = position);
        client().send(PUT, "/products/" + mug + "/price", "{\"amount\": 1300, \"currency\": \"EUR\"}")
                .expectStatus().isOk();
        client().send(PUT, "/products/" + mug + "/price", "{\"amount\": 1250, \"currency\": \"EUR\"}")
                .expectStatus().isOk();
        client().send(PATCH, "/products/" + mug, "{\"name\": \"Crème brûlée dish, large\"}").expectStatus().isOk();
        client().send(POST, "/inventory/" + mug + "/receipts", "{\"quantity\": 10}").expectStatus().isCreated();
        client().send(POST, "/inventory/" + mug + "/adjustments", "{\"quantityDelta\": -1, \"reason\": \"broken\"}")
                .expectStatus().isOk();
        var retired = product(900);
        client().send(POST, "/products/" + retired + "/discontinue", "").expectStatus().isOk();
        var soldOut = product(500);

        var delivered = placeOrder(customer, mug);
        awaitStatus(delivered, "CONFIRMED");
        client().send(POST, "/orders/" + delivered + "/ship", "").expectStatus().isOk();
        client().send(POST, "/orders/" + delivered + "/deliver", "").expectStatus().isOk();
        var cancelled = placeOrder(customer, mug);
        awaitStatus(cancelled, "CONFIRMED");
        client().send(POST, "/orders/" + cancelled + "/cancel", "").expectStatus().isOk();
        var rejected = placeOrder(customer, soldOut);
        awaitStatus(rejected, "REJECTED");

        var cartId = body(client().send(POST, "/carts", "{\"customerId\": \"" + customer + "\"}")
                .expectStatus().isCreated()).get("cartId").asString();
        client().send(POST, "/carts/" + cartId + "/items", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(mug))
                .expectStatus().isOk();
        client().send(POST, "/carts/" + cartId + "/items", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(soldOut))
                .expectStatus().isOk();
        client().send(PUT, "/carts/" + cartId + "/items/" + mug, "{\"quantity\": 2}").expectStatus().isOk();
        client().send(DELETE, "/carts/" + cartId + "/items/" + soldOut, "").expectStatus().isOk();
        client().send(POST, "/carts/" + cartId + "/checkout", EmporiumClient.checkoutBody(EmporiumClient.GOOD_CARD))
                .expectStatus().isCreated();

        var customerId = body(client().send(POST, "/customers", """
                {"email": "%s@example.org", "fullName": "Zoë Åkesson", "shippingAddress": {"recipient": "Zoë",
                 "line1": "1 Rue de l'Église", "postalCode": "75001", "city": "Paris", "country": "FR"}}"""
                .formatted(UUID.randomUUID())).expectStatus().isCreated()).get("customerId").asString();
        client().send(PUT, "/customers/" + customerId + "/address", """
                {"recipient": "Zoë", "line1": "2 Rue de l'Église", "postalCode": "75001", "city": "Paris",
                 "country": "FR"}""").expectStatus().isOk();
        return first[0];
    }

    /** Every problem with one record: the envelope first, then its data against the schema the envelope names. */
    private List<String> violations(String record) {
        var envelope = json.readTree(record);
        var problems = new ArrayList<String>();
        schema("classpath:/" + EventSchemas.ENVELOPE_RESOURCE).validate(envelope)
                .forEach(error -> problems.add("envelope: " + error));
        var dataschema = envelope.path("dataschema").asString("");
        if (!dataschema.endsWith("/" + typeName(envelope) + ".json")) {
            problems.add("dataschema " + dataschema + " does not name type " + envelope.path("type").asString(""));
        } else {
            schema(dataschema).validate(envelope.get("data"))
                    .forEach(error -> problems.add(typeName(envelope) + ": " + error));
        }
        return problems;
    }

    private static String typeName(JsonNode envelope) {
        var type = envelope.path("type").asString("");
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static Set<String> publishedTypeNames() {
        return EventSchemas.publishedTypes().stream().map(Class::getSimpleName).collect(Collectors.toSet());
    }

    private void assertEveryTypeWrittenAndValid(List<String> records) {
        var types = records.stream().map(record -> typeName(json.readTree(record))).collect(Collectors.toSet());
        assertThat(types).containsExactlyInAnyOrderElementsOf(publishedTypeNames());
        assertThat(records).allSatisfy(record -> assertThat(violations(record)).as(record).isEmpty());
    }

    /** The records of the topics from a position on. */
    private List<String> committedFrom(long from, List<String> topics) {
        var topicReader = new KafkaTopics(kafka);
        return topics.stream().flatMap(topic -> topicReader.committed(topic).stream()).map(record -> record.value())
                .filter(value -> json.readTree(value).path("position").asLong() >= from).toList();
    }

    @Test
    void everyEventTheExportWritesFitsItsPublishedSchema() {
        var from = aDayOfShopping();

        await().atMost(SETTLE).untilAsserted(() -> assertEveryTypeWrittenAndValid(committedFrom(from, CONTEXT_TOPICS)));
    }

    @Test
    void everyEventAReplayWritesFitsItsPublishedSchema() {
        var from = aDayOfShopping();
        var topic = "emporium.all.v2-" + UUID.randomUUID().toString().substring(0, 8);

        var started = body(http.post().uri("/ops/replays").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"topic\": \"%s\", \"fromPosition\": %d}".formatted(topic, from)).exchange()
                .expectStatus().isAccepted());
        var id = started.get("id").asString();
        await().atMost(SETTLE).until(() -> body(client().get("/ops/replays/" + id).expectStatus().isOk())
                .get("state").asString(), state -> !state.equals("RUNNING"));
        assertThat(body(client().get("/ops/replays/" + id)).get("state").asString()).isEqualTo("DONE");

        assertEveryTypeWrittenAndValid(committedFrom(from, List.of(topic)));
    }
}
