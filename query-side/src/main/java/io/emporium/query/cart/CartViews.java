package io.emporium.query.cart;

import io.emporium.contracts.cart.CartLine;
import io.emporium.contracts.cart.CartQuery.FindCart;
import io.emporium.contracts.cart.CartView;
import io.emporium.contracts.money.Money;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads tables cart_view and cart_line_view (written by the cart-views projection) without blocking. */
@Component
class CartViews {

    private final DatabaseClient db;
    private final JsonMapper json;

    CartViews(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The cart with its lines, in one round trip. */
    Mono<CartView> answer(FindCart query) {
        return db.sql("""
                        select c.cart_id, c.customer_id, c.status, c.order_id, c.position,
                               coalesce((select json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity,
                                                                           'minor', l.unit_price_minor,
                                                                           'currency', l.currency)
                                                         order by l.added_at, l.sku)
                                           from cart_line_view l where l.cart_id = c.cart_id),
                                        '[]'::json)::text as lines
                          from cart_view c where c.cart_id = :cartId
                        """)
                .bind("cartId", query.cartId())
                .map((row, metadata) -> {
                    var lines = json.readTree(Objects.requireNonNull(row.get("lines", String.class)));
                    var cartLines = new java.util.ArrayList<CartLine>();
                    for (JsonNode line : lines) {
                        cartLines.add(new CartLine(line.get("sku").asString(), line.get("quantity").asInt(),
                                Money.of(line.get("minor").asLong(), line.get("currency").asString())));
                    }
                    var total = cartLines.stream()
                            .map(line -> line.unitPrice().times(line.quantity()))
                            .reduce(Money::plus).orElse(null);
                    return new CartView(Objects.requireNonNull(row.get("cart_id", String.class)),
                            Objects.requireNonNull(row.get("customer_id", String.class)),
                            Objects.requireNonNull(row.get("status", String.class)), row.get("order_id", String.class),
                            cartLines, total, Objects.requireNonNull(row.get("position", Long.class)));
                })
                .one();
    }
}
