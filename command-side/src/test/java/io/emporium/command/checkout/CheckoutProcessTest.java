package io.emporium.command.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.command.decision.Rejection;
import io.emporium.command.payment.Authorization;
import io.emporium.command.payment.CardDetails;
import io.emporium.command.payment.CardToken;
import io.emporium.command.payment.PaymentChange;
import io.emporium.command.payment.PaymentGateway;
import io.emporium.command.payment.PaymentIntent;
import io.emporium.command.payment.PaymentStatus;
import io.emporium.contracts.inventory.InventoryCommand.CommitReservation;
import io.emporium.contracts.inventory.InventoryCommand.ReleaseReservation;
import io.emporium.contracts.inventory.InventoryCommand.ReserveStock;
import io.emporium.contracts.inventory.InventoryEvent.StockReservationRejected;
import io.emporium.contracts.inventory.InventoryEvent.StockReserved;
import io.emporium.contracts.inventory.StockLevels;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderCommand.ConfirmOrder;
import io.emporium.contracts.order.OrderCommand.RejectOrder;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckoutProcessTest {

    private static final String ORDER = "order-1";
    private static final Instant PLACED_AT = Instant.parse("2026-11-24T10:15:30Z");
    private static final PaymentCard GOOD_CARD = new PaymentCard("tok_good", "visa", "4242");
    private static final PaymentCard DECLINED_CARD = new PaymentCard("tok_declined", "visa", "0002");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("SKU-MUG", 2, Money.of(1_250, "EUR")),
            new OrderLine("SKU-TEA", 1, Money.of(899, "EUR")));

    private final RecordingPayments payments = new RecordingPayments();
    private final Map<String, Instant> deadlines = new HashMap<>();
    private SagaTestFixture<CheckoutProcess> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(CheckoutProcess.class);
        fixture.registerResource(payments);
        fixture.registerResource(new PaymentDeadlines() {
            @Override
            public void schedule(String orderId, Instant placedAt) {
                deadlines.put(orderId, placedAt);
            }

            @Override
            public void clear(String orderId) {
                deadlines.remove(orderId);
            }
        });
    }

    private static OrderPlaced placed(PaymentCard card) {
        return new OrderPlaced(ORDER, "customer-7", LINES, Money.of(3_399, "EUR"), card, PLACED_AT);
    }

    private static StockReserved reserved(String sku, int line, int quantity) {
        return new StockReserved(sku, ORDER + "/" + line, quantity, new StockLevels(10, quantity));
    }

    @Test
    void reservesStockForEveryLineOfAPlacedOrderAndSetsItsPaymentDeadline() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(placed(GOOD_CARD))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReserveStock("SKU-MUG", ORDER + "/1", 2),
                        new ReserveStock("SKU-TEA", ORDER + "/2", 1));
        assertThat(deadlines).containsEntry(ORDER, PLACED_AT);
    }

    @Test
    void knowsAPlacedOrderByItsOrderIdAloneNotByEachLinesReservation() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(placed(GOOD_CARD))
                .expectAssociationWith(CheckoutProcess.ORDER_ID, ORDER)
                .expectNoAssociationWith("reservationId", ORDER + "/1")
                .expectNoAssociationWith("reservationId", ORDER + "/2");
    }

    @Test
    void authorizesThePaymentAndConfirmsOnceEveryLineIsReservedAndClearsItsDeadline() {
        fixture.givenAPublished(placed(GOOD_CARD)).andThenAPublished(reserved("SKU-MUG", 1, 2))
                .whenPublishingA(reserved("SKU-TEA", 2, 1))
                .expectDispatchedCommands(new ConfirmOrder(ORDER, "pay_order-1"));
        assertThat(payments.authorized).containsExactly("order-" + ORDER + " 3399 EUR");
        assertThat(deadlines).doesNotContainKey(ORDER);
    }

    @Test
    void rejectsAnOrderAsOutOfStockWithoutTakingPayment() {
        fixture.givenAPublished(placed(GOOD_CARD)).andThenAPublished(reserved("SKU-MUG", 1, 2))
                .whenPublishingA(new StockReservationRejected("SKU-TEA", ORDER + "/2", 1, StockLevels.NONE))
                .expectDispatchedCommands(new RejectOrder(ORDER, CheckoutProcess.OUT_OF_STOCK));
        assertThat(payments.authorized).isEmpty();
    }

    @Test
    void releasesWhatWasReservedWhenTheOrderIsRejectedAndThenEnds() {
        fixture.givenAPublished(placed(GOOD_CARD)).andThenAPublished(reserved("SKU-MUG", 1, 2))
                .andThenAPublished(new StockReservationRejected("SKU-TEA", ORDER + "/2", 1, StockLevels.NONE))
                .whenPublishingA(new OrderRejected(ORDER, CheckoutProcess.OUT_OF_STOCK))
                .expectDispatchedCommands(new ReleaseReservation("SKU-MUG", ORDER + "/1"))
                .expectActiveSagas(0);
        assertThat(deadlines).doesNotContainKey(ORDER);
    }

    @Test
    void releasesAReservationThatArrivesAfterTheOrderWasRejected() {
        fixture.givenAPublished(placed(GOOD_CARD))
                .andThenAPublished(new StockReservationRejected("SKU-MUG", ORDER + "/1", 2, StockLevels.NONE))
                .andThenAPublished(new OrderRejected(ORDER, CheckoutProcess.OUT_OF_STOCK))
                .whenPublishingA(reserved("SKU-TEA", 2, 1))
                .expectDispatchedCommands(new ReleaseReservation("SKU-TEA", ORDER + "/2"))
                .expectActiveSagas(0);
    }

    @Test
    void anAuthorizationThatCameTooLateForACancelledOrderIsVoided() {
        fixture.setCallbackBehavior((command, metaData) -> command instanceof ConfirmOrder
                ? new Rejection("ORDER_NOT_PENDING", "cancelled (PAYMENT_TIMEOUT)") : null);
        fixture.givenAPublished(placed(GOOD_CARD)).andThenAPublished(reserved("SKU-MUG", 1, 2))
                .whenPublishingA(reserved("SKU-TEA", 2, 1))
                .expectDispatchedCommands(new ConfirmOrder(ORDER, "pay_order-1"));
        assertThat(payments.voided).containsExactly("pay_order-1");
        assertThat(deadlines).as("left to the cancellation that beat the payment").containsKey(ORDER);
    }

    @Test
    void aConfirmationIsNoStepOfItsOwn() {
        fixture.givenAPublished(placed(GOOD_CARD)).andThenAPublished(reserved("SKU-MUG", 1, 2))
                .andThenAPublished(reserved("SKU-TEA", 2, 1))
                .whenPublishingA(new OrderConfirmed(ORDER, "pay_order-1"))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
        assertThat(payments.authorized).hasSize(1);
    }

    @Test
    void rejectsAnOrderWhosePaymentIsDeclined() {
        fixture.givenAPublished(placed(DECLINED_CARD)).andThenAPublished(reserved("SKU-MUG", 1, 2))
                .whenPublishingA(reserved("SKU-TEA", 2, 1))
                .expectDispatchedCommands(new RejectOrder(ORDER, CheckoutProcess.PAYMENT_DECLINED));
    }

    @Test
    void cancellingAConfirmedOrderReleasesItsStockAndVoidsItsPayment() {
        fixture.givenAPublished(placed(GOOD_CARD)).andThenAPublished(reserved("SKU-MUG", 1, 2))
                .andThenAPublished(reserved("SKU-TEA", 2, 1))
                .andThenAPublished(new OrderConfirmed(ORDER, "pay_order-1"))
                .whenPublishingA(new OrderCancelled(ORDER, "CUSTOMER_REQUEST"))
                .expectDispatchedCommands(new ReleaseReservation("SKU-MUG", ORDER + "/1"),
                        new ReleaseReservation("SKU-TEA", ORDER + "/2"))
                .expectActiveSagas(0);
        assertThat(payments.voided).containsExactly("pay_order-1");
    }

    @Test
    void shippingCommitsTheStockAndCapturesThePayment() {
        fixture.givenAPublished(placed(GOOD_CARD)).andThenAPublished(reserved("SKU-MUG", 1, 2))
                .andThenAPublished(reserved("SKU-TEA", 2, 1))
                .andThenAPublished(new OrderConfirmed(ORDER, "pay_order-1"))
                .whenPublishingA(new OrderShipped(ORDER))
                .expectDispatchedCommands(new CommitReservation("SKU-MUG", ORDER + "/1"),
                        new CommitReservation("SKU-TEA", ORDER + "/2"));
        assertThat(payments.captured).containsExactly("pay_order-1");
    }

    @Test
    void deliveryEndsTheProcess() {
        fixture.givenAPublished(placed(GOOD_CARD)).andThenAPublished(reserved("SKU-MUG", 1, 2))
                .andThenAPublished(reserved("SKU-TEA", 2, 1))
                .andThenAPublished(new OrderConfirmed(ORDER, "pay_order-1"))
                .andThenAPublished(new OrderShipped(ORDER))
                .whenPublishingA(new OrderDelivered(ORDER))
                .expectActiveSagas(0);
    }

    /** A PSP for decisions: declines the declined card, authorizes anything else, and remembers what it did. */
    static final class RecordingPayments implements PaymentGateway {
        final List<String> authorized = new ArrayList<>();
        final List<String> voided = new ArrayList<>();
        final List<String> captured = new ArrayList<>();

        @Override
        public CardToken tokenize(CardDetails card) {
            return new CardToken("tok_" + card.last4(), "visa", card.last4());
        }

        @Override
        public Authorization authorize(PaymentIntent intent) {
            if (intent.card().token().equals(DECLINED_CARD.token())) {
                return new Authorization.Declined("card_declined");
            }
            authorized.add(intent.reference() + " " + intent.amount().minorUnits() + " " + intent.amount().currency());
            return new Authorization.Authorized("pay_" + intent.reference().substring("order-".length()),
                    intent.amount());
        }

        @Override
        public PaymentChange capture(String paymentId) {
            captured.add(paymentId);
            return new PaymentChange.Changed(paymentId, PaymentStatus.values()[0]);
        }

        @Override
        public PaymentChange voidAuthorization(String paymentId) {
            voided.add(paymentId);
            return new PaymentChange.Changed(paymentId, PaymentStatus.values()[0]);
        }

        @Override
        public PaymentChange refund(String paymentId) {
            return new PaymentChange.Changed(paymentId, PaymentStatus.values()[0]);
        }
    }
}
