package io.emporium.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emporium.command.payment.Authorization.Authorized;
import io.emporium.command.payment.Authorization.Declined;
import io.emporium.command.payment.PaymentChange.Changed;
import io.emporium.command.payment.PaymentChange.Refused;
import io.emporium.contracts.money.Money;
import io.emporium.servers.EmbeddedServers;
import io.emporium.servers.RealServersAutoConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The gateway against the real PSP simulator, in its own process, as embedded mode starts it. */
@ExtendWith(OutputCaptureExtension.class)
class PspPaymentGatewayIT {

    private static final String VISA = "4242424242424242";
    private static final String DECLINING = "4000000000000002";
    private static final Money PRICE = Money.of(1250, "EUR");

    private static PspPaymentGateway gateway;
    private static PspSimulatorAdmin psp;

    @BeforeAll
    static void connect() {
        var uri = EmbeddedServers.get().pspSimulatorUri();
        gateway = PspPaymentGateway.over(new PspProperties(uri, Duration.ofSeconds(1), Duration.ofMillis(400), 10,
                Duration.ofMillis(50), Duration.ofMillis(400)));
        psp = new PspSimulatorAdmin(uri);
    }

    @AfterAll
    static void disconnect() {
        gateway.close();
    }

    @AfterEach
    void clearFaults() {
        psp.clearFaults();
    }

    @Test
    void theSuccessCardIsAuthorizedAndTheDecliningCardDeclinedWithItsReason() {
        var authorized = gateway.authorize(intent(card(VISA)));
        var declined = gateway.authorize(intent(card(DECLINING)));

        assertThat(authorized).isInstanceOfSatisfying(Authorized.class, payment -> {
            assertThat(payment.paymentId()).startsWith("pay_");
            assertThat(payment.amount()).isEqualTo(PRICE);
        });
        assertThat(declined).isEqualTo(new Declined("generic_decline"));
    }

    @Test
    void authorizingTheSameIntentAgainGivesTheFirstPaymentAndChargesOnce() {
        var intent = intent(card(VISA));

        var first = gateway.authorize(intent);
        var again = gateway.authorize(intent);

        assertThat(again).isEqualTo(first);
        assertThat(psp.ledger(intent.idempotencyKey())).hasSize(1);
    }

    @Test
    void anAuthorizationIsCapturedThenRefundedButACapturedOneIsNeverVoided() {
        var payment = (Authorized) gateway.authorize(intent(card(VISA)));

        assertThat(gateway.capture(payment.paymentId()))
                .isEqualTo(new Changed(payment.paymentId(), PaymentStatus.CAPTURED));
        assertThat(gateway.capture(payment.paymentId()))
                .isEqualTo(new Changed(payment.paymentId(), PaymentStatus.CAPTURED));
        assertThat(gateway.voidAuthorization(payment.paymentId()))
                .isEqualTo(new Refused(payment.paymentId(), PaymentStatus.CAPTURED));
        assertThat(gateway.refund(payment.paymentId()))
                .isEqualTo(new Changed(payment.paymentId(), PaymentStatus.REFUNDED));
        assertThat(psp.ledger("capture:" + payment.paymentId())).hasSize(1);
    }

    @Test
    void withTimeoutsAndUnknownOutcomesOnEveryOtherCallEachIntentIsChargedExactlyOnce() throws Exception {
        var visa = card(VISA);
        var declining = card(DECLINING);
        psp.inject("""
                {"operation": "authorize", "kind": "timeout", "holdMs": 700, "everyNth": 4, "firstCall": 2}""", """
                {"operation": "authorize", "kind": "unknown", "loss": "error", "everyNth": 8, "firstCall": 4}""", """
                {"operation": "authorize", "kind": "unknown", "loss": "drop", "everyNth": 8, "firstCall": 8}""");
        var intents = IntStream.range(0, 50)
                .mapToObj(i -> intent(i % 5 == 0 ? declining : visa))
                .toList();

        var outcomes = new ArrayList<Future<Authorization>>();
        try (var customers = Executors.newFixedThreadPool(8)) {
            intents.forEach(intent -> outcomes.add(customers.submit(() -> gateway.authorize(intent))));
        }

        for (var i = 0; i < intents.size(); i++) {
            var intent = intents.get(i);
            var outcome = outcomes.get(i).get();
            var charges = psp.ledger(intent.idempotencyKey());
            assertThat(charges).as("charges of " + intent.reference()).singleElement()
                    .satisfies(charge -> assertThat(charge.get("type").asString()).isEqualTo("authorization"));
            if (intent.card() == declining) {
                assertThat(outcome).isEqualTo(new Declined("generic_decline"));
                assertThat(charges.getFirst().get("status").asString()).isEqualTo("declined");
            } else {
                assertThat(outcome).isInstanceOfSatisfying(Authorized.class, payment -> assertThat(
                        payment.paymentId()).isEqualTo(charges.getFirst().get("paymentId").asString()));
            }
        }
        assertThat(psp.faults()).as("every fault was exercised")
                .allSatisfy(rule -> assertThat(rule.get("fired").asInt()).isGreaterThanOrEqualTo(3));
    }

    @Test
    void aCardNumberNeverAppearsInLogsOrExceptionsEvenWhileThePspFails(CapturedOutput output) {
        psp.inject("""
                {"operation": "tokenize", "kind": "unknown", "loss": "error", "everyNth": 2}""", """
                {"operation": "tokenize", "kind": "timeout", "holdMs": 700, "everyNth": 4, "firstCall": 3}""");

        var token = gateway.tokenize(new CardDetails(VISA, 12, Year.now().getValue() + 2, "123"));
        var token2 = gateway.tokenize(new CardDetails(VISA, 12, Year.now().getValue() + 2, "123"));
        assertThatThrownBy(() -> gateway.tokenize(new CardDetails("4242424242424241", 12, 2030, "123")))
                .isInstanceOf(InvalidCardException.class)
                .message().doesNotContain("424242");

        assertThat(token.last4()).isEqualTo("4242");
        assertThat(token2.token()).isNotEqualTo(token.token());
        assertThat(output.getAll()).contains("unknown").doesNotContain("424242424242");
    }

    @Test
    void aPspThatIsDownLeavesATokenizationUnavailableToBeRetriedNotFailed() throws IOException {
        int nobodyListens;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListens = socket.getLocalPort();
        }
        try (var down = PspPaymentGateway.over(new PspProperties(URI.create("http://127.0.0.1:" + nobodyListens),
                Duration.ofMillis(200), Duration.ofMillis(400), 2, Duration.ofMillis(10), Duration.ofMillis(20)))) {
            assertThatThrownBy(() -> down.tokenize(new CardDetails(VISA, 12, Year.now().getValue() + 2, "123")))
                    .isInstanceOf(PaymentUnavailableException.class)
                    .message().doesNotContain("424242");
        }
    }

    @Test
    void withNoPspConfiguredTheGatewayPaysAtTheEmbeddedSimulator() {
        new ApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.jdbc",
                        "org.springframework.boot.r2dbc", "org.springframework.boot.kafka",
                        "org.springframework.boot.elasticsearch"))
                .withConfiguration(AutoConfigurations.of(RealServersAutoConfiguration.class))
                .withUserConfiguration(Payments.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var wired = context.getBean(PaymentGateway.class);
                    var intent = intent(wired.tokenize(new CardDetails(VISA, 12, Year.now().getValue() + 2, "123")));

                    assertThat(wired.authorize(intent)).isInstanceOf(Authorized.class);
                    assertThat(psp.ledger(intent.idempotencyKey())).hasSize(1);
                    assertThat(context.getBean(PspProperties.class).url())
                            .isEqualTo(EmbeddedServers.get().pspSimulatorUri());
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PspProperties.class)
    @Import(PaymentConfiguration.class)
    static class Payments {}

    private static CardToken card(String number) {
        return gateway.tokenize(new CardDetails(number, 12, Year.now().getValue() + 2, "123"));
    }

    private static PaymentIntent intent(CardToken card) {
        return new PaymentIntent("order-" + UUID.randomUUID(), PRICE, card);
    }
}
