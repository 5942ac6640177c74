package io.emporium.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emporium.command.payment.Authorization.Authorized;
import io.emporium.command.payment.Authorization.Declined;
import io.emporium.command.payment.PaymentChange.Changed;
import io.emporium.command.payment.PaymentChange.Refused;
import io.emporium.contracts.money.Money;
import io.github.resilience4j.core.IntervalFunction;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The gateway's decisions on each kind of PSP reply, against a scripted PSP. */
class PspPaymentGatewayTest {

    private static final CardToken CARD = new CardToken("tok_1", "visa", "4242");
    private static final PaymentIntent INTENT = new PaymentIntent("order-1", Money.of(1250, "EUR"), CARD);
    private static final String KEY = INTENT.idempotencyKey();
    private static final String AUTHORIZED = """
            {"id": "pay_1", "status": "authorized", "amount": 1250, "currency": "EUR", "reference": "order-1"}""";
    private static final String LOOKUP = "/v1/payments?idempotencyKey=authorize%3Aorder-1%3Atok_1";

    private final ScriptedPsp psp = new ScriptedPsp();
    private final PspPaymentGateway gateway = new PspPaymentGateway(psp, 4, IntervalFunction.of(1));

    @Test
    void anAuthorizationThePspCreatedReservesTheAmount() {
        psp.answer(201, AUTHORIZED);

        assertThat(gateway.authorize(INTENT)).isEqualTo(new Authorized("pay_1", Money.of(1250, "EUR")));
        assertThat(psp.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/v1/payments");
            assertThat(request.key()).isEqualTo("authorize:order-1:tok_1");
            assertThat(request.body().path("amount").asLong()).isEqualTo(1250);
            assertThat(request.body().path("token").asString()).isEqualTo("tok_1");
        });
    }

    @Test
    void aDeclineCarriesThePspsReason() {
        psp.answer(201, """
                {"id": "pay_2", "status": "declined", "declineCode": "insufficient_funds"}""");

        assertThat(gateway.authorize(INTENT)).isEqualTo(new Declined("insufficient_funds"));
    }

    @Test
    void aTimeoutIsResolvedByLookingThePaymentUpNotByChargingAgain() {
        psp.noAnswer().answer(200, AUTHORIZED);

        assertThat(gateway.authorize(INTENT)).isEqualTo(new Authorized("pay_1", Money.of(1250, "EUR")));
        assertThat(psp.requests()).extracting(ScriptedPsp.Request::path).containsExactly("/v1/payments", LOOKUP);
    }

    @Test
    void aServerErrorIsAnUnknownOutcomeToo() {
        psp.answer(500, """
                {"error": {"type": "api_error", "code": "injected_fault"}}""").answer(200, """
                {"id": "pay_3", "status": "declined", "declineCode": "generic_decline"}""");

        assertThat(gateway.authorize(INTENT)).isEqualTo(new Declined("generic_decline"));
        assertThat(psp.posts()).hasSize(1);
    }

    @Test
    void aConfirmedAbsenceIsSentAgainUnderTheSameKey() {
        psp.noAnswer().answer(404, """
                {"error": {"code": "payment_not_found"}}""").answer(201, AUTHORIZED);

        assertThat(gateway.authorize(INTENT)).isInstanceOf(Authorized.class);
        assertThat(psp.posts()).extracting(ScriptedPsp.Request::key).containsExactly(KEY, KEY);
    }

    @Test
    void aRequestStillRunningAtThePspIsLookedUpAgainLater() {
        psp.noAnswer()
                .answer(404, """
                        {"error": {"code": "payment_not_found"}}""")
                .answer(409, """
                        {"error": {"type": "idempotency_error", "code": "idempotency_key_in_use"}}""")
                .answer(200, AUTHORIZED);

        assertThat(gateway.authorize(INTENT)).isInstanceOf(Authorized.class);
        assertThat(psp.requests()).extracting(ScriptedPsp.Request::method)
                .containsExactly("POST", "GET", "POST", "GET");
    }

    @Test
    void aLookupWithoutAnswerIsRepeatedBeforeAnythingIsSentAgain() {
        psp.noAnswer().answer(503, "{}").noAnswer().answer(200, AUTHORIZED);

        assertThat(gateway.authorize(INTENT)).isInstanceOf(Authorized.class);
        assertThat(psp.posts()).hasSize(1);
    }

    @Test
    void anOutcomeStillUnknownAfterEveryAttemptIsReportedWithItsKeyAndWasSentOnce() {
        psp.noAnswer().noAnswer().noAnswer().noAnswer();

        assertThatThrownBy(() -> gateway.authorize(INTENT))
                .isInstanceOfSatisfying(PaymentUnavailableException.class,
                        e -> assertThat(e.idempotencyKey()).isEqualTo(KEY));
        assertThat(psp.posts()).hasSize(1);
        assertThat(psp.requests()).hasSize(4);
    }

    @Test
    void aTokenThePspDoesNotKnowIsADecline() {
        psp.answer(400, """
                {"error": {"type": "invalid_request_error", "code": "token_not_found", "param": "token"}}""");

        assertThat(gateway.authorize(INTENT)).isEqualTo(new Declined("invalid_token"));
    }

    @Test
    void aRequestThePspFindsMalformedIsABugAndIsNotRetried() {
        psp.answer(422, """
                {"error": {"type": "idempotency_error", "code": "idempotency_key_reused"}}""");

        assertThatThrownBy(() -> gateway.authorize(INTENT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("idempotency_key_reused");
        assertThat(psp.requests()).hasSize(1);
    }

    @Test
    void aCardBecomesAToken() {
        psp.answer(201, """
                {"token": "tok_9", "brand": "visa", "last4": "4242"}""");

        assertThat(gateway.tokenize(new CardDetails("4242424242424242", 12, 2030, "123")))
                .isEqualTo(new CardToken("tok_9", "visa", "4242"));
        assertThat(psp.requests()).singleElement().satisfies(request -> assertThat(request.key()).isNull());
    }

    @Test
    void aTokenizationWithoutAnswerIsSentAgainWithoutHoldingTheCallersThread() {
        psp.noAnswer().answer(201, """
                {"token": "tok_9", "brand": "visa", "last4": "4242"}""");

        StepVerifier.create(gateway.tokenizeAsync(new CardDetails("4242424242424242", 12, 2030, "123")))
                .expectNext(new CardToken("tok_9", "visa", "4242"))
                .verifyComplete();
        assertThat(psp.posts()).hasSize(2);
    }

    @Test
    void aTokenizationStillUnansweredAfterEveryAttemptIsReportedUnavailable() {
        psp.noAnswer().noAnswer().noAnswer().noAnswer();

        StepVerifier.create(gateway.tokenizeAsync(new CardDetails("4242424242424242", 12, 2030, "123")))
                .expectError(PaymentUnavailableException.class)
                .verify();
        assertThat(psp.posts()).hasSize(4);
    }

    @Test
    void aRefusedCardNamesTheReasonAndFieldButNeverTheNumber() {
        psp.answer(400, """
                {"error": {"type": "card_error", "code": "invalid_number", "param": "number"}}""");

        assertThatThrownBy(() -> gateway.tokenize(new CardDetails("4242424242424241", 12, 2030, "123")))
                .isInstanceOfSatisfying(InvalidCardException.class, e -> {
                    assertThat(e.reason()).isEqualTo("invalid_number");
                    assertThat(e.field()).isEqualTo("number");
                })
                .message().doesNotContain("424242").doesNotContain("123");
        assertThat(psp.requests()).hasSize(1);
    }

    @Test
    void aCaptureWithoutAnswerIsSentAgainUnderItsOwnKey() {
        psp.answer(502, "{}").answer(200, """
                {"id": "pay_1", "status": "captured"}""");

        assertThat(gateway.capture("pay_1")).isEqualTo(new Changed("pay_1", PaymentStatus.CAPTURED));
        assertThat(psp.posts()).extracting(ScriptedPsp.Request::key).containsExactly("capture:pay_1",
                "capture:pay_1");
        assertThat(psp.posts()).extracting(ScriptedPsp.Request::path).containsOnly("/v1/payments/pay_1/capture");
    }

    @Test
    void voidingACapturedPaymentIsRefusedWithTheStateItIsIn() {
        psp.answer(409, """
                {"error": {"type": "invalid_request_error", "code": "payment_state_conflict",
                           "paymentStatus": "captured"}}""");

        assertThat(gateway.voidAuthorization("pay_1")).isEqualTo(new Refused("pay_1", PaymentStatus.CAPTURED));
    }

    @Test
    void aRefundGivesTheMoneyBack() {
        psp.answer(200, """
                {"id": "pay_1", "status": "refunded"}""");

        assertThat(gateway.refund("pay_1")).isEqualTo(new Changed("pay_1", PaymentStatus.REFUNDED));
    }

    @Test
    void somethingThatIsNoPaymentIdNeverReachesAPath() {
        assertThatThrownBy(() -> gateway.capture("../tokens")).isInstanceOf(IllegalArgumentException.class);
        assertThat(psp.requests()).isEmpty();
    }
}
