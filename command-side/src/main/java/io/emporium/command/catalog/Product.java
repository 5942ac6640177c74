package io.emporium.command.catalog;

import io.emporium.command.decision.Recorded;
import io.emporium.command.decision.Rejection;
import io.emporium.contracts.catalog.CatalogCommand;
import io.emporium.contracts.catalog.CatalogCommand.ActivateProduct;
import io.emporium.contracts.catalog.CatalogCommand.ChangePrice;
import io.emporium.contracts.catalog.CatalogCommand.DefineProduct;
import io.emporium.contracts.catalog.CatalogCommand.DiscontinueProduct;
import io.emporium.contracts.catalog.CatalogCommand.UpdateProductDetails;
import io.emporium.contracts.catalog.CatalogEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/** A product in the catalog, event-sourced: it loads its state and lets {@link ProductDecisions} decide. */
@Aggregate(commandTargetResolver = CatalogRouting.TARGET_RESOLVER)
class Product {

    @AggregateIdentifier
    private @Nullable String productId;
    private ProductState state = ProductState.initial();

    protected Product() {
        // for Axon: rebuilt from events
    }

    /** The aggregate's id: SKUs name products and stock alike, and aggregate ids share one namespace. */
    static String idOf(String sku) {
        return "product:" + sku;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    @Nullable Rejection handle(DefineProduct command) {
        return apply(command);
    }

    @CommandHandler
    @Nullable Rejection handle(ActivateProduct command) {
        return apply(command);
    }

    @CommandHandler
    @Nullable Rejection handle(ChangePrice command) {
        return apply(command);
    }

    @CommandHandler
    @Nullable Rejection handle(UpdateProductDetails command) {
        return apply(command);
    }

    @CommandHandler
    @Nullable Rejection handle(DiscontinueProduct command) {
        return apply(command);
    }

    private @Nullable Rejection apply(CatalogCommand command) {
        return Recorded.decision(ProductDecisions.decide(command, state));
    }

    @EventSourcingHandler
    void on(CatalogEvent event) {
        productId = idOf(event.sku());
        state = state.evolve(event);
    }
}
