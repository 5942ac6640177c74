package io.emporium.command.order;

import io.emporium.contracts.order.OrderCommand.PlaceOrder;
import io.emporium.contracts.order.OrderEvent;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/** An order, event-sourced: it loads its state and lets {@link OrderDecisions} decide. */
@Aggregate(commandTargetResolver = OrderRouting.TARGET_RESOLVER)
class Order {

    @AggregateIdentifier
    private @Nullable String orderId;
    private OrderState state = OrderState.initial();

    protected Order() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(PlaceOrder command, Clock clock) {
        OrderDecisions.decide(command, state, clock.instant()).forEach(AggregateLifecycle::apply);
        return command.orderId();
    }

    @EventSourcingHandler
    void on(OrderEvent event) {
        orderId = event.orderId();
        state = state.evolve(event);
    }
}
