package io.emporium.command.order;

import io.emporium.command.decision.Recorded;
import io.emporium.command.decision.Rejection;
import io.emporium.contracts.order.OrderCommand;
import io.emporium.contracts.order.OrderCommand.CancelOrder;
import io.emporium.contracts.order.OrderCommand.ConfirmDelivery;
import io.emporium.contracts.order.OrderCommand.ConfirmOrder;
import io.emporium.contracts.order.OrderCommand.ExpireUnpaidOrder;
import io.emporium.contracts.order.OrderCommand.PlaceOrder;
import io.emporium.contracts.order.OrderCommand.RejectOrder;
import io.emporium.contracts.order.OrderCommand.ShipOrder;
import io.emporium.contracts.order.OrderEvent;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/** An order, event-sourced: it loads its state and lets {@link OrderDecisions} decide. */
@Aggregate(commandTargetResolver = OrderRouting.TARGET_RESOLVER, cache = OrderRouting.CACHE)
class Order {

    @AggregateIdentifier
    private @Nullable String orderId;
    private OrderState state = OrderState.initial();

    protected Order() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    @Nullable Rejection handle(PlaceOrder command, Clock clock) {
        return decide(command, clock);
    }

    @CommandHandler
    @Nullable Rejection handle(ConfirmOrder command, Clock clock) {
        return decide(command, clock);
    }

    @CommandHandler
    @Nullable Rejection handle(RejectOrder command, Clock clock) {
        return decide(command, clock);
    }

    @CommandHandler
    @Nullable Rejection handle(CancelOrder command, Clock clock) {
        return decide(command, clock);
    }

    @CommandHandler
    @Nullable Rejection handle(ExpireUnpaidOrder command, Clock clock) {
        return decide(command, clock);
    }

    @CommandHandler
    @Nullable Rejection handle(ShipOrder command, Clock clock) {
        return decide(command, clock);
    }

    @CommandHandler
    @Nullable Rejection handle(ConfirmDelivery command, Clock clock) {
        return decide(command, clock);
    }

    private @Nullable Rejection decide(OrderCommand command, Clock clock) {
        return Recorded.decision(OrderDecisions.decide(command, state, clock.instant()));
    }

    @EventSourcingHandler
    void on(OrderEvent event) {
        orderId = event.orderId();
        state = state.evolve(event);
    }
}
