package io.emporium.projections.cart;

import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.cart.CartEvent.ItemAddedToCart;
import io.emporium.contracts.cart.CartEvent.ItemQuantityChanged;
import io.emporium.contracts.cart.CartEvent.ItemRemovedFromCart;
import io.emporium.eventstore.PrefetchingEventSource;
import io.emporium.projections.EventPositions;
import io.emporium.projections.rebuild.WrittenVersion;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the cart views: tables cart_view_vN and cart_line_view_vN of one version N, which readers see through views
 * cart_view and cart_line_view (see {@link CartViewRebuild}). Rows are written with JDBC in the processor's
 * transaction (row and token commit together). An event applies only if it is newer than the cart's position: adding
 * to a line's quantity is not idempotent, so a redelivered or replayed event must change nothing.
 */
@Component
@ProcessingGroup(CartViewProjection.PROCESSOR)
class CartViewProjection {

    static final String PROCESSOR = "cart-views";

    private final JdbcTemplate jdbc;
    private final WrittenVersion<Statements> version;

    /** Writes the serving version. */
    @Autowired
    CartViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.version = WrittenVersion.serving(jdbc, PROCESSOR, Statements::new);
    }

    /** Writes {@code version}, as a rebuild's processor does while that version is new. */
    CartViewProjection(JdbcTemplate jdbc, int version) {
        this.jdbc = jdbc;
        this.version = WrittenVersion.of(jdbc, PROCESSOR, Statements::new, version);
    }

    /** From now on writes {@code version}; called while the processor is stopped. */
    void retarget(int version) {
        this.version.retarget(version);
    }

    @EventHandler
    void on(CartEvent event, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex) {
        var position = EventPositions.of(globalIndex, token);
        var sql = version.statements();
        if (event instanceof CartCreated created) {
            jdbc.update(sql.create(), created.cartId(), created.customerId(), position);
            return;
        }
        if (jdbc.update(sql.advance(), position, event.cartId(), position) != 1) {
            return; // at this position or beyond already
        }
        switch (event) {
            case CartCreated ignored -> throw new IllegalStateException("handled above");
            case ItemAddedToCart added -> jdbc.update(sql.add(), added.cartId(), added.sku(), added.quantity(),
                    added.unitPrice().minorUnits(), added.unitPrice().currency(), position);
            case ItemQuantityChanged changed -> jdbc.update(sql.change(), changed.quantity(), changed.cartId(),
                    changed.sku());
            case ItemRemovedFromCart removed -> jdbc.update(sql.remove(), removed.cartId(), removed.sku());
            case CartCheckedOut checkedOut -> jdbc.update(sql.checkOut(), checkedOut.orderId(),
                    checkedOut.cartId());
        }
    }

    /** The statements that write one version's tables. */
    private record Statements(String create, String advance, String add, String change, String remove,
                              String checkOut) {
        Statements(int version) {
            this("""
                    insert into cart_view_v%d (cart_id, customer_id, status, position) values (?, ?, 'OPEN', ?)
                    on conflict (cart_id) do nothing""".formatted(version),
                    "update cart_view_v%d set position = ? where cart_id = ? and position < ?".formatted(version),
                    """
                    insert into cart_line_view_v%1$d (cart_id, sku, quantity, unit_price_minor, currency, added_at)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (cart_id, sku) do update
                       set quantity = cart_line_view_v%1$d.quantity + excluded.quantity,
                           unit_price_minor = excluded.unit_price_minor, currency = excluded.currency
                    """.formatted(version),
                    "update cart_line_view_v%d set quantity = ? where cart_id = ? and sku = ?".formatted(version),
                    "delete from cart_line_view_v%d where cart_id = ? and sku = ?".formatted(version),
                    "update cart_view_v%d set status = 'CHECKED_OUT', order_id = ? where cart_id = ?"
                            .formatted(version));
        }
    }
}
