package io.emporium.projections.cart;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.cart.CartEvent;
import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.cart.CartEvent.ItemAddedToCart;
import io.emporium.contracts.cart.CartEvent.ItemQuantityChanged;
import io.emporium.contracts.cart.CartEvent.ItemRemovedFromCart;
import io.emporium.contracts.cart.CartLine;
import io.emporium.contracts.money.Money;
import io.emporium.projections.RealDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** given(events) → then(cart_view, cart_line_view), on a real PostgreSQL with the real schema. */
class CartViewProjectionIT {

    private static final Money MUG = Money.of(1_250, "EUR");
    private static final Money PLATE = Money.of(900, "EUR");

    private static JdbcTemplate jdbc;
    private static CartViewProjection projection;

    @BeforeAll
    static void realDatabase() {
        jdbc = RealDatabase.migrated();
        projection = new CartViewProjection(jdbc);
    }

    @SafeVarargs
    private static void given(Map.Entry<CartEvent, Long>... events) {
        for (var event : events) {
            projection.on(event.getKey(), new GlobalSequenceTrackingToken(event.getValue()), null);
        }
    }

    private static List<String> lines(String cartId) {
        return jdbc.queryForList("select sku || ' x' || quantity || ' @' || unit_price_minor from cart_line_view"
                + " where cart_id = ? order by added_at, sku", String.class, cartId);
    }

    @Test
    void aCartShowsItsLinesInTheOrderTheyWereAddedWithAddedQuantitiesSummed() {
        var cartId = UUID.randomUUID().toString();
        given(Map.entry(new CartCreated(cartId, "customer-1"), 10L),
                Map.entry(new ItemAddedToCart(cartId, "MUG", 1, MUG), 11L),
                Map.entry(new ItemAddedToCart(cartId, "PLATE", 2, PLATE), 12L),
                Map.entry(new ItemAddedToCart(cartId, "MUG", 2, MUG), 13L));

        assertThat(lines(cartId)).containsExactly("MUG x3 @1250", "PLATE x2 @900");
        assertThat(jdbc.queryForMap("select status, position from cart_view where cart_id = ?", cartId))
                .containsEntry("status", "OPEN").containsEntry("position", 13L);
    }

    @Test
    void aRedeliveredAdditionDoesNotCountTwice() {
        var cartId = UUID.randomUUID().toString();
        given(Map.entry(new CartCreated(cartId, "customer-1"), 20L),
                Map.entry(new ItemAddedToCart(cartId, "MUG", 1, MUG), 21L),
                Map.entry(new ItemAddedToCart(cartId, "MUG", 1, MUG), 21L),
                Map.entry(new CartCreated(cartId, "customer-1"), 20L));

        assertThat(lines(cartId)).containsExactly("MUG x1 @1250");
    }

    @Test
    void changedAndRemovedLinesAndTheCheckoutShowAsTheyHappened() {
        var cartId = UUID.randomUUID().toString();
        given(Map.entry(new CartCreated(cartId, "customer-1"), 30L),
                Map.entry(new ItemAddedToCart(cartId, "MUG", 1, MUG), 31L),
                Map.entry(new ItemAddedToCart(cartId, "PLATE", 1, PLATE), 32L),
                Map.entry(new ItemQuantityChanged(cartId, "MUG", 4), 33L),
                Map.entry(new ItemRemovedFromCart(cartId, "PLATE"), 34L),
                Map.entry(new CartCheckedOut(cartId, "customer-1", "order-9", List.of(new CartLine("MUG", 4, MUG))),
                        35L));

        assertThat(lines(cartId)).containsExactly("MUG x4 @1250");
        assertThat(jdbc.queryForMap("select status, order_id, position from cart_view where cart_id = ?", cartId))
                .containsEntry("status", "CHECKED_OUT").containsEntry("order_id", "order-9")
                .containsEntry("position", 35L);
    }

    @Test
    void twoChangesThatCommittedLateInOneTransactionBothApply() {
        var cartId = UUID.randomUUID().toString();
        given(Map.entry(new CartCreated(cartId, "customer-1"), 40L));
        // Both filled gaps below position 50, which was delivered first: their tokens both say 50.
        var late = GapAwareTrackingToken.newInstance(50, List.of());
        projection.on(new ItemAddedToCart(cartId, "MUG", 1, MUG), late, 41L);
        projection.on(new ItemAddedToCart(cartId, "PLATE", 1, PLATE), late, 42L);

        assertThat(lines(cartId)).containsExactly("MUG x1 @1250", "PLATE x1 @900");
    }
}
