package io.emporium.command.order;

import static io.emporium.command.decision.RejectionMatcher.rejectedFor;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderCommand.CancelOrder;
import io.emporium.contracts.order.OrderCommand.ConfirmDelivery;
import io.emporium.contracts.order.OrderCommand.ConfirmOrder;
import io.emporium.contracts.order.OrderCommand.ExpireUnpaidOrder;
import io.emporium.contracts.order.OrderCommand.PlaceOrder;
import io.emporium.contracts.order.OrderCommand.RejectOrder;
import io.emporium.contracts.order.OrderCommand.ShipOrder;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final String ORDER = "order-1";
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("SKU-MUG", 2, Money.of(1_250, "EUR")),
            new OrderLine("SKU-TEA", 1, Money.of(899, "EUR")));
    private static final PaymentCard CARD = new PaymentCard("tok_1", "visa", "4242");
    private static final OrderPlaced PLACED =
            new OrderPlaced(ORDER, "customer-7", LINES, Money.of(3_399, "EUR"), CARD, NOW);

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerCommandTargetResolver(new OrderRouting().orderTargetResolver());
    }

    @Test
    void placesAnOrderWhoseTotalIsTheSumOfItsLines() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "customer-7", LINES, CARD))
                .expectEvents(PLACED);
    }

    @Test
    void placingAnAlreadyPlacedOrderAgainDecidesNothing() {
        fixture.given(PLACED)
                .when(new PlaceOrder(ORDER, "customer-7", LINES, CARD))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void confirmsAPlacedOrderOnceItsPaymentIsAuthorized() {
        fixture.given(PLACED)
                .when(new ConfirmOrder(ORDER, "pay_1"))
                .expectEvents(new OrderConfirmed(ORDER, "pay_1"));
        fixture.given(PLACED, new OrderConfirmed(ORDER, "pay_1"))
                .when(new ConfirmOrder(ORDER, "pay_1"))
                .expectNoEvents();
    }

    @Test
    void rejectsAPlacedOrderWithItsReason() {
        fixture.given(PLACED)
                .when(new RejectOrder(ORDER, "OUT_OF_STOCK"))
                .expectEvents(new OrderRejected(ORDER, "OUT_OF_STOCK"));
    }

    @Test
    void aCancelledOrderIsNeverConfirmedByALatePayment() {
        fixture.given(PLACED, new OrderCancelled(ORDER, "PAYMENT_TIMEOUT"))
                .when(new ConfirmOrder(ORDER, "pay_1"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(OrderDecisions.NOT_PENDING));
    }

    @Test
    void cancelsAnOrderBeforeItShips() {
        fixture.given(PLACED, new OrderConfirmed(ORDER, "pay_1"))
                .when(new CancelOrder(ORDER, "CUSTOMER_REQUEST"))
                .expectEvents(new OrderCancelled(ORDER, "CUSTOMER_REQUEST"));
    }

    @Test
    void refusesToCancelAShippedOrder() {
        fixture.given(PLACED, new OrderConfirmed(ORDER, "pay_1"), new OrderShipped(ORDER))
                .when(new CancelOrder(ORDER, "CUSTOMER_REQUEST"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(OrderDecisions.NOT_CANCELLABLE));
    }

    @Test
    void anUnpaidOrderPastItsDeadlineIsCancelledButAPaidOneStays() {
        fixture.given(PLACED)
                .when(new ExpireUnpaidOrder(ORDER))
                .expectEvents(new OrderCancelled(ORDER, "PAYMENT_TIMEOUT"));
        fixture.given(PLACED, new OrderConfirmed(ORDER, "pay_1"))
                .when(new ExpireUnpaidOrder(ORDER))
                .expectNoEvents();
    }

    @Test
    void shipsOnlyAConfirmedOrder() {
        fixture.given(PLACED)
                .when(new ShipOrder(ORDER))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(OrderDecisions.NOT_CONFIRMED));
        fixture.given(PLACED, new OrderConfirmed(ORDER, "pay_1"))
                .when(new ShipOrder(ORDER))
                .expectEvents(new OrderShipped(ORDER));
    }

    @Test
    void confirmsTheDeliveryOfAShippedOrder() {
        fixture.given(PLACED, new OrderConfirmed(ORDER, "pay_1"), new OrderShipped(ORDER))
                .when(new ConfirmDelivery(ORDER))
                .expectEvents(new OrderDelivered(ORDER));
        fixture.given(PLACED, new OrderConfirmed(ORDER, "pay_1"))
                .when(new ConfirmDelivery(ORDER))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(OrderDecisions.NOT_SHIPPED));
    }
}
