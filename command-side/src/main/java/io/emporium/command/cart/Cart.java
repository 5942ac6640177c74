package io.emporium.command.cart;

import io.emporium.command.catalog.CurrentPrices;
import io.emporium.command.decision.Recorded;
import io.emporium.command.decision.Rejection;
import io.emporium.contracts.cart.CartCommand.AddItemToCart;
import io.emporium.contracts.cart.CartCommand.ChangeQuantity;
import io.emporium.contracts.cart.CartCommand.CheckOutCart;
import io.emporium.contracts.cart.CartCommand.CreateCart;
import io.emporium.contracts.cart.CartCommand.RemoveItemFromCart;
import io.emporium.contracts.cart.CartEvent;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/**
 * A customer's cart, event-sourced. Handlers load what decisions need (the state, the catalog's current prices)
 * and let {@link CartDecisions} decide.
 */
@Aggregate(commandTargetResolver = CartRouting.TARGET_RESOLVER)
class Cart {

    @AggregateIdentifier
    private @Nullable String cartId;
    private CartState state = CartState.initial();

    protected Cart() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    @Nullable Rejection handle(CreateCart command) {
        return Recorded.decision(CartDecisions.decide(command, state));
    }

    @CommandHandler
    @Nullable Rejection handle(AddItemToCart command, CurrentPrices prices) {
        return Recorded.decision(CartDecisions.decide(command, state, prices.of(command.sku())));
    }

    @CommandHandler
    @Nullable Rejection handle(ChangeQuantity command) {
        return Recorded.decision(CartDecisions.decide(command, state));
    }

    @CommandHandler
    @Nullable Rejection handle(RemoveItemFromCart command) {
        return Recorded.decision(CartDecisions.decide(command, state));
    }

    /** @return the rejection, or the checked-out cart the order is placed from */
    @CommandHandler
    Object handle(CheckOutCart command, CurrentPrices prices) {
        var skus = state instanceof CartState.Open open ? open.lines().keySet() : Set.<String>of();
        var rejection = Recorded.decision(CartDecisions.decide(command, state, prices.of(skus)));
        return rejection != null ? rejection : state;
    }

    @EventSourcingHandler
    void on(CartEvent event) {
        cartId = event.cartId();
        state = state.evolve(event);
    }
}
