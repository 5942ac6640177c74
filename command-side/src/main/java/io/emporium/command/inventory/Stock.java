package io.emporium.command.inventory;

import io.emporium.command.decision.Recorded;
import io.emporium.command.decision.Rejection;
import io.emporium.contracts.inventory.InventoryCommand;
import io.emporium.contracts.inventory.InventoryCommand.AdjustStock;
import io.emporium.contracts.inventory.InventoryCommand.CommitReservation;
import io.emporium.contracts.inventory.InventoryCommand.ReceiveStock;
import io.emporium.contracts.inventory.InventoryCommand.ReleaseReservation;
import io.emporium.contracts.inventory.InventoryCommand.ReserveStock;
import io.emporium.contracts.inventory.InventoryEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/**
 * The stock of one SKU, event-sourced. Concurrent decisions on one SKU are serialized by the event stream itself:
 * two writers of the same version cannot both append, and the loser is retried on fresh state (see
 * {@link io.emporium.command.idempotency.IdempotentRequests}), also across engine instances.
 */
@Aggregate(commandTargetResolver = InventoryRouting.TARGET_RESOLVER, cache = InventoryRouting.CACHE)
class Stock {

    @AggregateIdentifier
    private @Nullable String stockId;
    private StockState state = StockState.initial();

    protected Stock() {
        // for Axon: rebuilt from events
    }

    static String idOf(String sku) {
        return "stock:" + sku;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    @Nullable Rejection handle(ReceiveStock command) {
        return apply(command);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    @Nullable Rejection handle(AdjustStock command) {
        return apply(command);
    }

    /** A SKU never received can still be asked for: the answer is a rejection for lack of stock, not an error. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    @Nullable Rejection handle(ReserveStock command) {
        return apply(command);
    }

    @CommandHandler
    @Nullable Rejection handle(ReleaseReservation command) {
        return apply(command);
    }

    @CommandHandler
    @Nullable Rejection handle(CommitReservation command) {
        return apply(command);
    }

    private @Nullable Rejection apply(InventoryCommand command) {
        return Recorded.decision(StockDecisions.decide(command, state));
    }

    @EventSourcingHandler
    void on(InventoryEvent event) {
        stockId = idOf(event.sku());
        state = state.evolve(event);
    }
}
