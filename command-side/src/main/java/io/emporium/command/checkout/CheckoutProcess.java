package io.emporium.command.checkout;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.emporium.command.decision.Rejection;
import io.emporium.command.payment.Authorization;
import io.emporium.command.payment.CardToken;
import io.emporium.command.payment.PaymentGateway;
import io.emporium.command.payment.PaymentIntent;
import io.emporium.contracts.inventory.InventoryCommand.CommitReservation;
import io.emporium.contracts.inventory.InventoryCommand.ReleaseReservation;
import io.emporium.contracts.inventory.InventoryCommand.ReserveStock;
import io.emporium.contracts.inventory.InventoryEvent.StockReservationRejected;
import io.emporium.contracts.inventory.InventoryEvent.StockReserved;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderCommand.ConfirmOrder;
import io.emporium.contracts.order.OrderCommand.RejectOrder;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.contracts.order.PaymentCard;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Takes a placed order to confirmation: reserve stock for every line, then authorize the payment, then confirm.
 * Any failure rejects the order with a machine-readable reason and releases whatever was reserved, even a
 * reservation that arrives after the failure; the process ends only once no reservation of the order is left open.
 * Cancelling releases the stock and voids the payment; shipping commits the stock and captures the payment.
 *
 * <p>Every step is safe to repeat: reservation ids and the payment's idempotency key follow from the order, so a
 * redelivered event or a retried batch never reserves or charges twice.
 */
@Saga
@ConditionalOnProperty(name = "emporium.roles.checkout.enabled", havingValue = "true", matchIfMissing = true)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class CheckoutProcess {

    static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";
    static final String ORDER_ID = "orderId";

    /** Where one order line's stock stands. */
    enum LineState { PENDING, RESERVED, REJECTED, RELEASED, COMMITTED }

    record Line(String sku, int quantity, LineState state) {
        Line now(LineState next) {
            return new Line(sku, quantity, next);
        }
    }

    /**
     * A line's reservation id names its order, so that a reservation's events find the order's process by the order
     * id alone ({@link OrderOfReservation}): no association row per line, written with the order and deleted at its
     * end.
     */
    static String reservationOf(String orderId, int lineNumber) {
        return orderId + "/" + lineNumber;
    }

    static @Nullable String orderOfReservation(String reservationId) {
        var slash = reservationId.lastIndexOf('/');
        return slash > 0 ? reservationId.substring(0, slash) : null;
    }

    @Autowired @JsonIgnore private transient @Nullable CommandGateway commands;
    @Autowired @JsonIgnore private transient @Nullable PaymentGateway payments;
    @Autowired @JsonIgnore private transient @Nullable PaymentDeadlines deadlines;

    private String orderId = "";
    private @Nullable Money total;
    private @Nullable PaymentCard card;
    /** reservation id → line, in the order's line order */
    private Map<String, Line> lines = new LinkedHashMap<>();
    /** The order failed or was called off: no payment any more, every reservation goes back. */
    private boolean closing;
    private @Nullable String paymentId;

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderPlaced placed) {
        orderId = placed.orderId();
        total = placed.total();
        card = placed.card();
        for (var i = 0; i < placed.lines().size(); i++) {
            var line = placed.lines().get(i);
            var pending = new Line(line.sku(), line.quantity(), LineState.PENDING);
            lines.put(reservationOf(placed.orderId(), i + 1), pending);
        }
        deadlines().schedule(orderId, placed.placedAt());
        lines.forEach((reservationId, line) ->
                commands().sendAndWait(new ReserveStock(line.sku(), reservationId, line.quantity())));
    }

    @SagaEventHandler(associationProperty = "reservationId", keyName = ORDER_ID,
            associationResolver = OrderOfReservation.class)
    void on(StockReserved reserved) {
        mark(reserved.reservationId(), LineState.RESERVED);
        if (closing) {
            release(reserved.reservationId());
            endIfSettled();
        } else if (lines.values().stream().allMatch(line -> line.state() == LineState.RESERVED)) {
            pay();
        }
    }

    @SagaEventHandler(associationProperty = "reservationId", keyName = ORDER_ID,
            associationResolver = OrderOfReservation.class)
    void on(StockReservationRejected rejected) {
        mark(rejected.reservationId(), LineState.REJECTED);
        fail(OUT_OF_STOCK);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderRejected rejected) {
        callOff();
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCancelled cancelled) {
        if (paymentId != null) {
            payments().voidAuthorization(paymentId);
        }
        callOff();
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderShipped shipped) {
        lines.forEach((reservationId, line) -> {
            commands().sendAndWait(new CommitReservation(line.sku(), reservationId));
            lines.put(reservationId, line.now(LineState.COMMITTED));
        });
        payments().capture(Objects.requireNonNull(paymentId, "a shipped order was paid"));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderDelivered delivered) {
        // delivered: nothing left to coordinate
    }

    /**
     * Authorizes the order's total. An outcome still unknown after the gateway's retries fails this event's
     * handling, so the processor retries it later: the intent's idempotency key is the same, and the gateway looks
     * the payment up before sending anything again.
     */
    private void pay() {
        var intent = new PaymentIntent("order-" + orderId, Objects.requireNonNull(total),
                new CardToken(card().token(), card().brand(), card().last4()));
        switch (payments().authorize(intent)) {
            case Authorization.Authorized authorized -> {
                paymentId = authorized.paymentId();
                // Authorized too late: the order was cancelled (its deadline passed) while the PSP answered.
                if (commands().sendAndWait(new ConfirmOrder(orderId, authorized.paymentId())) instanceof Rejection) {
                    payments().voidAuthorization(authorized.paymentId());
                } else {
                    // Confirmed in this step's transaction, so the deadline goes with it: the confirmation itself
                    // then needs no step (a saga load, a store and a durable commit per order) of its own.
                    deadlines().clear(orderId);
                }
            }
            case Authorization.Declined declined -> fail(PAYMENT_DECLINED);
        }
    }

    private void fail(String reason) {
        if (!closing) {
            closing = true;
            commands().sendAndWait(new RejectOrder(orderId, reason));
        }
        endIfSettled();
    }

    /** The order will not be fulfilled: stock goes back and the process ends once nothing is left open. */
    private void callOff() {
        closing = true;
        deadlines().clear(orderId);
        lines.forEach((reservationId, line) -> {
            if (line.state() == LineState.RESERVED) {
                release(reservationId);
            }
        });
        endIfSettled();
    }

    private void release(String reservationId) {
        var line = lines.get(reservationId);
        commands().sendAndWait(new ReleaseReservation(line.sku(), reservationId));
        lines.put(reservationId, line.now(LineState.RELEASED));
    }

    private void mark(String reservationId, LineState state) {
        lines.computeIfPresent(reservationId, (id, line) -> line.now(state));
    }

    private void endIfSettled() {
        if (closing && lines.values().stream().noneMatch(line -> line.state() == LineState.PENDING
                || line.state() == LineState.RESERVED)) {
            SagaLifecycle.end();
        }
    }

    private CommandGateway commands() {
        return Objects.requireNonNull(commands, "injected by Axon");
    }

    private PaymentGateway payments() {
        return Objects.requireNonNull(payments, "injected by Axon");
    }

    private PaymentDeadlines deadlines() {
        return Objects.requireNonNull(deadlines, "injected by Axon");
    }

    private PaymentCard card() {
        return Objects.requireNonNull(card, "known from the placed order");
    }
}
