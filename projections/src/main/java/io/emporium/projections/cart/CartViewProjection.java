package io.emporium.projections.cart;

import io.emporium.eventstore.PrefetchingEventSource;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jspecify.annotations.Nullable;
import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.cart.CartEvent.ItemAddedToCart;
import io.emporium.contracts.cart.CartEvent.ItemQuantityChanged;
import io.emporium.contracts.cart.CartEvent.ItemRemovedFromCart;
import io.emporium.projections.EventPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps tables cart_view and cart_line_view, with JDBC in the processor's transaction (row and token commit
 * together). An event applies only if it is newer than the cart's position: adding to a line's quantity is not
 * idempotent, so a redelivered or replayed event must change nothing.
 */
@Component
@ProcessingGroup(CartViewProjection.PROCESSOR)
class CartViewProjection {

    static final String PROCESSOR = "cart-views";

    private final JdbcTemplate jdbc;

    CartViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CartEvent event, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex) {
        var position = EventPositions.of(globalIndex, token);
        if (event instanceof CartCreated created) {
            jdbc.update("""
                    insert into cart_view (cart_id, customer_id, status, position) values (?, ?, 'OPEN', ?)
                    on conflict (cart_id) do nothing
                    """, created.cartId(), created.customerId(), position);
            return;
        }
        if (!advance(event, position)) {
            return;
        }
        switch (event) {
            case CartCreated ignored -> throw new IllegalStateException("handled above");
            case ItemAddedToCart added -> jdbc.update("""
                    insert into cart_line_view (cart_id, sku, quantity, unit_price_minor, currency, added_at)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (cart_id, sku) do update
                       set quantity = cart_line_view.quantity + excluded.quantity,
                           unit_price_minor = excluded.unit_price_minor, currency = excluded.currency
                    """, added.cartId(), added.sku(), added.quantity(), added.unitPrice().minorUnits(),
                    added.unitPrice().currency(), position);
            case ItemQuantityChanged changed -> jdbc.update(
                    "update cart_line_view set quantity = ? where cart_id = ? and sku = ?",
                    changed.quantity(), changed.cartId(), changed.sku());
            case ItemRemovedFromCart removed -> jdbc.update(
                    "delete from cart_line_view where cart_id = ? and sku = ?", removed.cartId(), removed.sku());
            case CartCheckedOut checkedOut -> jdbc.update(
                    "update cart_view set status = 'CHECKED_OUT', order_id = ? where cart_id = ?",
                    checkedOut.orderId(), checkedOut.cartId());
        }
    }

    /** Moves the cart to the event's position; false if it is there or beyond already. */
    private boolean advance(CartEvent event, long position) {
        return jdbc.update("update cart_view set position = ? where cart_id = ? and position < ?", position,
                event.cartId(), position) == 1;
    }
}
