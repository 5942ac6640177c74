package io.emporium.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.OrderView.StatusChange;
import io.emporium.contracts.order.PaymentCard;
import io.emporium.query.audit.OrderReplay.Moment;
import io.emporium.query.audit.OrderReplay.Recorded;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderReplayTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final OrderLine MUGS = new OrderLine("SKU-MUG", 2, Money.of(1250, "EUR"));
    private static final Recorded PLACED = new Recorded(10, T0, new OrderPlaced("o-1", "c-1", List.of(MUGS),
            Money.of(2500, "EUR"), new PaymentCard("tok", "visa", "4242"), T0));
    private static final Recorded CONFIRMED = new Recorded(14, T0.plusSeconds(1), new OrderConfirmed("o-1", "pay-1"));
    private static final Recorded SHIPPED = new Recorded(30, T0.plusSeconds(60), new OrderShipped("o-1"));
    private static final List<Recorded> HISTORY = List.of(PLACED, CONFIRMED, SHIPPED);

    @Test
    void asOfAPositionBeforeShippingTheOrderIsConfirmedWithItsPayment() {
        var order = OrderReplay.asOf(HISTORY, new Moment.Position(29)).orElseThrow();

        assertThat(order.status()).isEqualTo("CONFIRMED");
        assertThat(order.paymentId()).isEqualTo("pay-1");
        assertThat(order.position()).isEqualTo(14);
        assertThat(order.timeline()).containsExactly(new StatusChange("PLACED", T0, 10),
                new StatusChange("CONFIRMED", T0.plusSeconds(1), 14));
    }

    @Test
    void asOfATimeTheEventsStoredAtThatVeryInstantCount() {
        assertThat(OrderReplay.asOf(HISTORY, new Moment.Time(T0.plusSeconds(60))).orElseThrow().status())
                .isEqualTo("SHIPPED");
        assertThat(OrderReplay.asOf(HISTORY, new Moment.Time(T0.plusSeconds(59))).orElseThrow().status())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void nowTheOrderHasEveryEventAppliedAndKeepsWhatItWasPlacedWith() {
        var order = OrderReplay.asOf(HISTORY, new Moment.Now()).orElseThrow();

        assertThat(order.status()).isEqualTo("SHIPPED");
        assertThat(order.lines()).containsExactly(MUGS);
        assertThat(order.total()).isEqualTo(Money.of(2500, "EUR"));
        assertThat(order.at()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void beforeItsPlacementTheOrderDidNotExist() {
        assertThat(OrderReplay.asOf(HISTORY, new Moment.Position(9))).isEmpty();
    }

    @Test
    void aCancellationKeepsItsReason() {
        var cancelled = new Recorded(12, T0.plusSeconds(5), new OrderCancelled("o-1", "PAYMENT_TIMEOUT"));

        var order = OrderReplay.asOf(List.of(PLACED, cancelled), new Moment.Now()).orElseThrow();

        assertThat(order.status()).isEqualTo("CANCELLED");
        assertThat(order.reason()).isEqualTo("PAYMENT_TIMEOUT");
    }

    @Test
    void anOrderWhoseHistoryDoesNotStartWithItsPlacementIsABrokenStore() {
        assertThatIllegalStateException().isThrownBy(() -> OrderReplay.asOf(List.of(CONFIRMED), new Moment.Now()));
    }
}
