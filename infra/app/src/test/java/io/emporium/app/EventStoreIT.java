package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * PostgreSQL's unique violations become Axon's own exceptions (PgJDBC never throws the SQL standard's integrity
 * exception that Axon's default resolver looks for), so two writers of one aggregate version never both win.
 */
@EngineIT
class EventStoreIT {

    private static final PaymentCard CARD = new PaymentCard("tok_1", "visa", "4242");

    @Autowired EventStore eventStore;

    @Test
    void creatingTheSameAggregateTwiceIsAStreamCreationConflict() {
        var orderId = UUID.randomUUID().toString();
        append(orderId, 0);

        assertThatThrownBy(() -> append(orderId, 0)).isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void twoWritersOfOneAggregateVersionAreAConcurrencyConflict() {
        var orderId = UUID.randomUUID().toString();
        append(orderId, 0);
        append(orderId, 1);

        assertThatThrownBy(() -> append(orderId, 1)).isInstanceOf(ConcurrencyException.class);
    }

    private void append(String orderId, long sequence) {
        var event = new OrderPlaced(orderId, "customer-1", List.of(new OrderLine("SKU", 1, Money.of(1, "EUR"))),
                Money.of(1, "EUR"), CARD, Instant.now());
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        var result = unitOfWork.executeWithResult(() -> {
            eventStore.publish(new GenericDomainEventMessage<>("Order", orderId, sequence, event));
            return null;
        });
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
    }
}
