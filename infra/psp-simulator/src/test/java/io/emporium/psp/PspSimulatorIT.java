package io.emporium.psp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator over real HTTP on a loopback port, as a payment adapter sees it. */
class PspSimulatorIT {

    private static final String VISA = "4242424242424242";
    private static final String DECLINING = "4000000000000002";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ByteArrayOutputStream accessLog = new ByteArrayOutputStream();
    private static PspSimulator simulator;
    private static HttpClient http;

    @BeforeAll
    static void startSimulator() {
        simulator = PspSimulator.start(0, new PrintStream(accessLog, true, StandardCharsets.UTF_8));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
        http.close();
    }

    @BeforeEach
    void noFaults() throws Exception {
        assertThat(send("DELETE", "/v1/faults", null, null).statusCode()).isEqualTo(204);
    }

    @Test
    void aValidCardBecomesATokenThatShowsOnlyBrandAndLastFourDigits() throws Exception {
        var response = send("POST", "/v1/tokens", null, card(VISA));

        assertThat(response.statusCode()).isEqualTo(201);
        var body = JSON.readTree(response.body());
        assertThat(body.get("token").asString()).startsWith("tok_");
        assertThat(body.get("brand").asString()).isEqualTo("visa");
        assertThat(body.get("last4").asString()).isEqualTo("4242");
        assertThat(response.body()).doesNotContain(VISA);
    }

    @Test
    void aCardNumberWithAWrongChecksumIsRefusedAndNeverEchoedOrLogged() throws Exception {
        var response = send("POST", "/v1/tokens", null, card("4242424242424241"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/code").asString()).isEqualTo("invalid_number");
        assertThat(response.body()).doesNotContain("4242424242424241");
        assertThat(accessLog.toString(StandardCharsets.UTF_8)).doesNotContain("424242424242").doesNotContain("cvc");
    }

    @Test
    void theSuccessCardIsAuthorizedAndTheDecliningCardDeclined() throws Exception {
        var authorized = authorize(key(), token(VISA), "order-1");
        var declined = authorize(key(), token(DECLINING), "order-2");

        assertThat(authorized.statusCode()).isEqualTo(201);
        assertThat(field(authorized, "status")).isEqualTo("authorized");
        assertThat(field(authorized, "id")).startsWith("pay_");
        assertThat(field(authorized, "amount")).isEqualTo("1250");
        assertThat(field(authorized, "currency")).isEqualTo("EUR");
        assertThat(declined.statusCode()).isEqualTo(201);
        assertThat(field(declined, "status")).isEqualTo("declined");
        assertThat(field(declined, "declineCode")).isEqualTo("generic_decline");
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndIsChargedOnce() throws Exception {
        var key = key();
        var token = token(VISA);

        var first = authorize(key, token, "order-3");
        var retry = authorize(key, token, "order-3");

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(ledger(key)).singleElement().satisfies(entry -> {
            assertThat(entry.get("type").asString()).isEqualTo("authorization");
            assertThat(entry.get("status").asString()).isEqualTo("authorized");
        });
    }

    @Test
    void aRetryWithItsFieldsInAnotherOrderIsTheSameRequest() throws Exception {
        var key = key();
        var token = token(VISA);
        var first = authorize(key, token, "order-5");

        var reordered = send("POST", "/v1/payments", key, """
                {"reference": "order-5", "token": "%s", "currency": "EUR", "amount": 1250}""".formatted(token));

        assertThat(reordered.statusCode()).isEqualTo(201);
        assertThat(reordered.body()).isEqualTo(first.body());
        assertThat(ledger(key)).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherAmountIsRefused() throws Exception {
        var key = key();
        var token = token(VISA);
        authorize(key, token, "order-4");

        var other = send("POST", "/v1/payments", key, """
                {"amount": 9999, "currency": "EUR", "token": "%s", "reference": "order-4"}""".formatted(token));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(other.body()).at("/error/code").asString()).isEqualTo("idempotency_key_reused");
        assertThat(ledger(key)).hasSize(1);
    }

    @Test
    void aRetryWhileTheFirstRequestIsStillHeldIsToldToComeBackLater() throws Exception {
        faults("""
                {"operation": "authorize", "kind": "timeout", "holdMs": 2000, "firstCall": 1, "everyNth": 1000}""");
        var key = key();
        var token = token(VISA);
        var held = CompletableFuture.supplyAsync(() -> {
            try {
                return authorize(key, token, "order-5");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> JSON.readTree(send("GET", "/v1/faults", null, null).body())
                .at("/rules/0/fired").asInt() == 1);

        var whileHeld = authorize(key, token, "order-5");
        var first = held.get();
        var afterwards = authorize(key, token, "order-5");

        assertThat(whileHeld.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(whileHeld.body()).at("/error/code").asString()).isEqualTo("idempotency_key_in_use");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(afterwards.body()).isEqualTo(first.body());
        assertThat(ledger(key)).hasSize(1);
    }

    @Test
    void anAuthorizationIsCapturedThenRefundedAndNothingElse() throws Exception {
        var id = field(authorize(key(), token(VISA), "order-6"), "id");

        var captured = send("POST", "/v1/payments/" + id + "/capture", key(), "{}");
        var voided = send("POST", "/v1/payments/" + id + "/void", key(), "{}");
        var refunded = send("POST", "/v1/payments/" + id + "/refund", key(), "{}");
        var capturedAgain = send("POST", "/v1/payments/" + id + "/capture", key(), "{}");

        assertThat(captured.statusCode()).isEqualTo(200);
        assertThat(field(captured, "status")).isEqualTo("captured");
        assertThat(voided.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(voided.body()).at("/error/paymentStatus").asString()).isEqualTo("captured");
        assertThat(field(refunded, "status")).isEqualTo("refunded");
        assertThat(capturedAgain.statusCode()).isEqualTo(409);
        assertThat(field(send("GET", "/v1/payments/" + id, null, null), "status")).isEqualTo("refunded");
    }

    @Test
    void anUncapturedAuthorizationCanBeVoidedOnceWhateverTheRetries() throws Exception {
        var id = field(authorize(key(), token(VISA), "order-7"), "id");
        var voidKey = key();

        var voided = send("POST", "/v1/payments/" + id + "/void", voidKey, null);
        var retried = send("POST", "/v1/payments/" + id + "/void", voidKey, null);
        var captured = send("POST", "/v1/payments/" + id + "/capture", key(), null);

        assertThat(voided.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(voided.body());
        assertThat(captured.statusCode()).isEqualTo(409);
        assertThat(ledger(voidKey)).singleElement()
                .satisfies(entry -> assertThat(entry.get("type").asString()).isEqualTo("void"));
    }

    @Test
    void anInjectedServerErrorProcessesNothingSoTheSameKeyMayBeRetried() throws Exception {
        faults("""
                {"operation": "authorize", "kind": "error", "status": 503}""");
        var key = key();
        var token = token(VISA);

        var failed = authorize(key, token, "order-8");
        var lookup = send("GET", "/v1/payments?idempotencyKey=" + key, null, null);
        noFaults();
        var retried = authorize(key, token, "order-8");

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(lookup.statusCode()).isEqualTo(404);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(ledger(key)).hasSize(1);
    }

    @Test
    void anUnknownOutcomeIsRecordedThoughTheAnswerIsAServerError() throws Exception {
        faults("""
                {"operation": "authorize", "kind": "unknown", "loss": "error"}""");
        var key = key();

        var failed = authorize(key, token(VISA), "order-9");
        var lookup = send("GET", "/v1/payments?idempotencyKey=" + key, null, null);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(lookup.statusCode()).isEqualTo(200);
        assertThat(field(lookup, "status")).isEqualTo("authorized");
        assertThat(field(lookup, "reference")).isEqualTo("order-9");
        assertThat(ledger(key)).hasSize(1);
    }

    @Test
    void aDroppedConnectionLeavesThePaymentRecorded() throws Exception {
        faults("""
                {"operation": "authorize", "kind": "unknown", "loss": "drop"}""");
        var key = key();
        var token = token(VISA);

        assertThatThrownBy(() -> authorize(key, token, "order-10")).isInstanceOf(IOException.class);

        assertThat(ledger(key)).hasSize(1);
        assertThat(send("GET", "/v1/payments?idempotencyKey=" + key, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestHeldLongerThanTheClientWaitsIsStillProcessedAfterwards() throws Exception {
        faults("""
                {"operation": "authorize", "kind": "timeout", "holdMs": 800}""");
        var key = key();
        var token = token(VISA);
        var impatient = HttpRequest.newBuilder(simulator.uri().resolve("/v1/payments"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .timeout(Duration.ofMillis(200))
                .POST(HttpRequest.BodyPublishers.ofString(payment(token, "order-11")))
                .build();

        assertThatThrownBy(() -> http.send(impatient, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(ledger(key)).isEmpty();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ledger(key)).hasSize(1));
    }

    @Test
    void aForcedDeclineDeclinesEvenTheSuccessCard() throws Exception {
        faults("""
                {"operation": "authorize", "kind": "decline", "declineCode": "do_not_honor"}""");

        var declined = authorize(key(), token(VISA), "order-12");

        assertThat(field(declined, "status")).isEqualTo("declined");
        assertThat(field(declined, "declineCode")).isEqualTo("do_not_honor");
    }

    @Test
    void everyMoneyMovementIsInTheLedgerInOrder() throws Exception {
        var authorizeKey = key();
        var id = field(authorize(authorizeKey, token(VISA), "order-13"), "id");
        var captureKey = key();
        send("POST", "/v1/payments/" + id + "/capture", captureKey, null);
        var refundKey = key();
        send("POST", "/v1/payments/" + id + "/refund", refundKey, null);

        var entries = JSON.readTree(send("GET", "/v1/ledger", null, null).body()).get("entries").valueStream()
                .filter(entry -> entry.get("paymentId").asString().equals(id)).toList();

        assertThat(entries).extracting(entry -> entry.get("type").asString())
                .containsExactly("authorization", "capture", "refund");
        assertThat(entries).extracting(entry -> entry.get("idempotencyKey").asString())
                .containsExactly(authorizeKey, captureKey, refundKey);
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.get("amount").asLong()).isEqualTo(1250);
            assertThat(entry.get("at").asString()).isNotBlank();
        });
    }

    @Test
    void movingMoneyWithoutAnIdempotencyKeyIsRefused() throws Exception {
        var response = send("POST", "/v1/payments", null, payment(token(VISA), "order-14"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/code").asString()).isEqualTo("idempotency_key_required");
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static String card(String number) {
        return """
                {"number": "%s", "expMonth": 12, "expYear": %d, "cvc": "123"}""".formatted(number,
                Year.now().getValue() + 3);
    }

    private static String payment(String token, String reference) {
        return """
                {"amount": 1250, "currency": "EUR", "token": "%s", "reference": "%s"}""".formatted(token, reference);
    }

    private static String token(String number) throws Exception {
        return field(send("POST", "/v1/tokens", null, card(number)), "token");
    }

    private static HttpResponse<String> authorize(String key, String token, String reference) throws Exception {
        return send("POST", "/v1/payments", key, payment(token, reference));
    }

    private static void faults(String... rules) throws Exception {
        var response = send("POST", "/v1/faults", null, "{\"rules\": [" + String.join(",", rules) + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static List<JsonNode> ledger(String key) throws Exception {
        return JSON.readTree(send("GET", "/v1/ledger", null, null).body()).get("entries").valueStream()
                .filter(entry -> entry.get("idempotencyKey").asString().equals(key)).toList();
    }

    private static String field(HttpResponse<String> response, String name) {
        var value = JSON.readTree(response.body()).get(name);
        assertThat(value).as(name + " in " + response.body()).isNotNull();
        return value.asString();
    }

    private static HttpResponse<String> send(String method, String path, @Nullable String key, @Nullable String body)
            throws Exception {
        var request = HttpRequest.newBuilder(simulator.uri().resolve(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
