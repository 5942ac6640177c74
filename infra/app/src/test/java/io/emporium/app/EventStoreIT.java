package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL's unique violations become Axon's own exceptions (PgJDBC never throws the SQL standard's integrity
 * exception that Axon's default resolver looks for), so two writers of one aggregate version never both win. Readers
 * of the store find every event, also past a run of global indexes that no event took.
 */
@EngineIT
class EventStoreIT {

    private static final PaymentCard CARD = new PaymentCard("tok_1", "visa", "4242");

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;

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

    @Test
    void aReaderFindsTheEventsPastARunOfGlobalIndexesThatNoEventTookWiderThanAReadsBatch() throws Exception {
        var before = UUID.randomUUID().toString();
        var after = UUID.randomUUID().toString();
        try (var stream = eventStore.openStream(eventStore.createHeadToken())) {
            append(before, 0);
            // As if a thousand appends had rolled back: their indexes are taken, and no event has them.
            jdbc.queryForObject("select setval('domain_event_entry_global_index_seq', "
                    + "nextval('domain_event_entry_global_index_seq') + 1000)", Long.class);
            append(after, 0);

            var seen = new ArrayList<String>();
            while (!seen.contains(after) && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                var event = stream.nextAvailable();
                if (event.getPayload() instanceof OrderPlaced placed
                        && (placed.orderId().equals(before) || placed.orderId().equals(after))) {
                    seen.add(placed.orderId());
                }
            }

            assertThat(seen).containsExactly(before, after);
        }
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
