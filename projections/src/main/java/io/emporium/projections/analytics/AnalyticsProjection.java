package io.emporium.projections.analytics;

import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.cart.CartEvent.ItemAddedToCart;
import io.emporium.contracts.cart.CartEvent.ItemQuantityChanged;
import io.emporium.contracts.cart.CartEvent.ItemRemovedFromCart;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderDelivered;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderEvent.OrderShipped;
import io.emporium.eventstore.PrefetchingEventSource;
import io.emporium.projections.EventPositions;
import io.emporium.projections.analytics.AnalyticsTables.FunnelStep;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Keeps the analytics tables from cart and order events. A sale counts when its order is confirmed, never at
 * placement: a rejected order sold nothing, and an order cancelled after confirmation is taken back from the hour
 * and day it was counted in. Every time is the event's own timestamp, so a rebuild from history gives the same
 * rows.
 *
 * <p>Counts are kept exactly once through the state kept per cart and order: an event changes a count only if it
 * moves its cart or order to a newer position, so a redelivered or replayed event counts nothing again.
 */
@Component
@ProcessingGroup(AnalyticsProjection.PROCESSOR)
class AnalyticsProjection {

    static final String PROCESSOR = "analytics";

    private final AnalyticsTables tables;

    AnalyticsProjection(AnalyticsTables tables) {
        this.tables = tables;
    }

    @EventHandler
    void on(CartEvent event, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex, @Timestamp Instant at) {
        var position = EventPositions.of(globalIndex, token);
        if (event instanceof CartCreated created) {
            if (tables.cartCreated(created.cartId(), created.customerId(), at, position)) {
                tables.count(FunnelStep.CARTS_CREATED, at);
            }
            return;
        }
        if (!tables.advanceCart(event.cartId(), at, position)) {
            return;
        }
        switch (event) {
            case CartCreated ignored -> throw new IllegalStateException("handled above");
            case ItemAddedToCart added -> {
                tables.addToCart(added.cartId(), added.sku(), added.quantity(), added.unitPrice(), position);
                if (tables.firstItems(added.cartId())) {
                    tables.count(FunnelStep.CARTS_WITH_ITEMS, at);
                }
            }
            case ItemQuantityChanged changed -> tables.changeQuantity(changed.cartId(), changed.sku(),
                    changed.quantity());
            case ItemRemovedFromCart removed -> tables.removeFromCart(removed.cartId(), removed.sku());
            case CartCheckedOut checkedOut -> {
                tables.checkedOut(checkedOut.cartId(), at);
                tables.count(FunnelStep.CARTS_CHECKED_OUT, at);
            }
        }
    }

    @EventHandler
    void on(OrderEvent event, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex, @Timestamp Instant at) {
        var position = EventPositions.of(globalIndex, token);
        var orderId = event.orderId();
        switch (event) {
            case OrderPlaced placed -> {
                if (tables.orderPlaced(orderId, placed.lines(), position)) {
                    tables.count(FunnelStep.ORDERS_PLACED, at);
                }
            }
            case OrderConfirmed ignored -> {
                var before = tables.confirm(orderId, position, at);
                if (before != null && before.status().equals("PLACED")) {
                    tables.addSales(orderId, at, 1);
                    tables.count(FunnelStep.ORDERS_CONFIRMED, at);
                }
            }
            case OrderCancelled ignored -> {
                var before = tables.moveOrder(orderId, "CANCELLED", position);
                if (before != null && before.status().equals("CONFIRMED") && before.confirmedAt() != null) {
                    tables.addSales(orderId, before.confirmedAt(), -1);
                }
                tables.forgetLines(orderId);
            }
            case OrderRejected ignored -> {
                tables.moveOrder(orderId, "REJECTED", position);
                tables.forgetLines(orderId);
            }
            // A shipped order can no longer be cancelled: its sale is final.
            case OrderShipped ignored -> {
                tables.moveOrder(orderId, "SHIPPED", position);
                tables.forgetLines(orderId);
            }
            case OrderDelivered ignored -> tables.moveOrder(orderId, "DELIVERED", position);
        }
    }

    @ResetHandler
    void reset() {
        tables.truncate();
    }
}
