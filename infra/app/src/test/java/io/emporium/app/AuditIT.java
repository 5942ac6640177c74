package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.POST;

import io.emporium.audit.offline.VerifyExport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auditors read an order's history and its past states straight from the events, and the hash chain names the
 * position of any row changed, removed or slipped in behind the engine's back, online and from an export file.
 * Each tampering test tampers with rows of its own order only and verifies only their positions.
 */
@EngineIT
class AuditIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Autowired WebTestClient http;
    @Autowired JsonMapper json;
    @Autowired JdbcTemplate jdbc;
    @TempDir Path directory;

    private record Placed(String orderId, String correlationId) {}

    private String skuInStock() {
        var sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        new EmporiumClient(http).send(POST, "/inventory/" + sku + "/receipts", "{\"quantity\": 5}")
                .expectStatus().isCreated();
        return sku;
    }

    private Placed confirmedOrder() {
        var correlationId = UUID.randomUUID().toString();
        var body = new EmporiumClient(http).placeOrder(EmporiumClient.newKey(),
                        EmporiumClient.orderBody("customer-" + UUID.randomUUID(), skuInStock(), 2, 1250), correlationId)
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        var orderId = json.readTree(body).get("orderId").asString();
        await().atMost(SETTLE).untilAsserted(() -> assertThat(http.get().uri("/audit/orders/" + orderId).exchange()
                .expectBody(String.class).returnResult().getResponseBody()).contains("\"status\":\"CONFIRMED\""));
        return new Placed(orderId, correlationId);
    }

    private JsonNode get(String path) {
        return new EmporiumClient(http).readJson(path);
    }

    private List<JsonNode> history(String orderId) {
        var events = new ArrayList<JsonNode>();
        get("/audit/orders/" + orderId + "/history").get("events").forEach(events::add);
        return events;
    }

    private long positionOf(String orderId, String type) {
        return history(orderId).stream().filter(event -> event.get("type").asString().equals(type)).findFirst()
                .orElseThrow().get("position").asLong();
    }

    private JsonNode verify(long from, long to) {
        return get("/audit/verify?from=" + from + "&to=" + to);
    }

    /** Waits until the builder has linked the position and no late commit can land at or below it any more. */
    private void chained(long position) {
        await().atMost(SETTLE).untilAsserted(() -> {
            var verdict = verify(position, position);
            assertThat(verdict.get("settledThrough").asLong()).isGreaterThanOrEqualTo(position);
            assertThat(verdict.get("linksChecked").asLong()).isEqualTo(1);
            assertThat(verdict.get("ok").asBoolean()).isTrue();
        });
    }

    private void assertFirstProblem(JsonNode verdict, long position, String kind) {
        assertThat(verdict.get("ok").asBoolean()).isFalse();
        assertThat(verdict.get("firstProblem").get("position").asLong()).isEqualTo(position);
        assertThat(verdict.get("firstProblem").get("kind").asString()).isEqualTo(kind);
    }

    private Path export(long from, long to) throws IOException {
        var body = http.get().uri("/audit/export?from=" + from + "&to=" + to).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/x-ndjson"))
                .expectBody(String.class).returnResult().getResponseBody();
        return Files.writeString(directory.resolve("export-" + from + "-" + to + ".ndjson"), body);
    }

    private record Offline(int exitCode, String output) {}

    private static Offline verifyOffline(Path file) {
        var out = new ByteArrayOutputStream();
        var print = new PrintStream(out, true, StandardCharsets.UTF_8);
        var exitCode = VerifyExport.run(new String[] {file.toString()}, print, print);
        return new Offline(exitCode, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theHistoryOfAConfirmedOrderShowsItsEventsItsStockReservationAndPaymentInOrderWithTheirOrigins() {
        var placed = confirmedOrder();

        var events = history(placed.orderId());

        assertThat(events).extracting(event -> event.get("type").asString())
                .containsExactly("OrderPlaced", "StockReserved", "OrderConfirmed");
        assertThat(events).extracting(event -> event.get("position").asLong()).isSorted();
        assertThat(events).extracting(event -> event.get("aggregateId").asString())
                .allMatch(id -> id.equals(placed.orderId()) || id.startsWith("stock:SKU-"));
        assertThat(events).extracting(event -> event.get("correlationId").asString())
                .containsOnly(placed.correlationId());
        assertThat(events).extracting(event -> event.get("command").asString())
                .containsExactly("PlaceOrder", "ReserveStock", "ConfirmOrder");
        assertThat(events).extracting(event -> event.get("actor").asString())
                .containsExactly("client", "process", "process");
        assertThat(events).allMatch(event -> !event.get("causationId").asString().isEmpty()
                && !event.get("at").asString().isEmpty());
        assertThat(events.get(1).get("payload").get("reservationId").asString())
                .isEqualTo(placed.orderId() + "/1");
        assertThat(events.get(2).get("payload").get("paymentId").asString()).isNotBlank();
    }

    @Test
    void asOfAMomentBeforeShippingTheOrderWasConfirmedWhileNowItIsShipped() {
        var placed = confirmedOrder();
        var confirmedAt = positionOf(placed.orderId(), "OrderConfirmed");
        new EmporiumClient(http).send(POST, "/orders/" + placed.orderId() + "/ship", "").expectStatus().isOk();
        var confirmationTime = history(placed.orderId()).get(2).get("at").asString();

        assertThat(get("/audit/orders/" + placed.orderId()).get("status").asString()).isEqualTo("SHIPPED");
        var byPosition = get("/audit/orders/" + placed.orderId() + "?asOf=" + confirmedAt);
        assertThat(byPosition.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(byPosition.get("position").asLong()).isEqualTo(confirmedAt);
        assertThat(byPosition.get("paymentId").asString()).isNotBlank();
        assertThat(get("/audit/orders/" + placed.orderId() + "?asOf=" + confirmationTime).get("status").asString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void aBadAsOfIsABadRequestProblemNamingItAndAnUnknownOrderIsNotFound() {
        http.get().uri("/audit/orders/some-order?asOf=yesterday").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");
        http.get().uri("/audit/orders/" + UUID.randomUUID() + "?asOf=0").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anAlteredPayloadIsNamedAtItsPositionOnlineAndOfflineFromAnExport() throws IOException {
        var placed = confirmedOrder();
        var confirmed = positionOf(placed.orderId(), "OrderConfirmed");
        var placement = positionOf(placed.orderId(), "OrderPlaced");
        chained(confirmed);
        var untouched = verifyOffline(export(placement, confirmed));
        assertThat(untouched.exitCode()).as(untouched.output()).isZero();

        jdbc.update("update domain_event_entry set payload = convert_to(?, 'UTF8') where global_index = ?",
                "{\"orderId\":\"" + placed.orderId() + "\",\"paymentId\":\"pay-forged\"}", confirmed);

        assertFirstProblem(verify(placement, confirmed), confirmed, "ALTERED");
        var offline = verifyOffline(export(placement, confirmed));
        assertThat(offline.exitCode()).isEqualTo(1);
        assertThat(offline.output()).startsWith("TAMPERED at position " + confirmed + ": ALTERED");
    }

    @Test
    void aDeletedRowIsNamedAtItsPosition() throws IOException {
        var placed = confirmedOrder();
        var confirmed = positionOf(placed.orderId(), "OrderConfirmed");
        chained(confirmed);

        jdbc.update("delete from domain_event_entry where global_index = ?", confirmed);

        assertFirstProblem(verify(confirmed, confirmed), confirmed, "DELETED");
        assertThat(verifyOffline(export(confirmed, confirmed)).output())
                .startsWith("TAMPERED at position " + confirmed + ": DELETED");
    }

    @Test
    void aRowForgedIntoAPositionNoTransactionCanStillFillIsNamedAsAnInsertion() throws IOException {
        var gap = jdbc.queryForObject("select nextval('domain_event_entry_global_index_seq')", Long.class);
        var later = positionOf(confirmedOrder().orderId(), "OrderConfirmed");
        chained(later);

        // A plausible forgery that every processor still reading the gap can handle: stock that never arrived.
        var sku = "SKU-FORGED-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("""
                insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,
                    sequence_number, type, timestamp, payload_type, payload, meta_data)
                values (?, ?, ?, 0, 'Stock', '2020-01-01T00:00:00Z',
                        'io.emporium.contracts.inventory.InventoryEvent$StockReceived',
                        convert_to(?, 'UTF8'), convert_to('{}', 'UTF8'))
                """, gap, UUID.randomUUID().toString(), "stock:" + sku, """
                {"sku":"%s","receiptId":"forged","quantity":1000,"levels":{"onHand":1000,"reserved":0}}"""
                .formatted(sku));

        assertFirstProblem(verify(gap, later), gap, "INSERTED");
        var offline = verifyOffline(export(gap, later));
        assertThat(offline.exitCode()).isEqualTo(1);
        assertThat(offline.output()).startsWith("TAMPERED at position " + gap + ": INSERTED");
    }
}
