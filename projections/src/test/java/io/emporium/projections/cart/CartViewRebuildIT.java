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
import io.emporium.eventstore.EventStoreConfiguration;
import io.emporium.projections.RealDatabase;
import io.emporium.projections.rebuild.HistoricEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * given(random cart histories) → the cart views a rebuild folds set-based equal, row for row, what the live
 * projection wrote event by event: lines added, set, removed and added again, carts checked out, events of carts
 * interleaved as shoppers make them.
 */
class CartViewRebuildIT {

    private static final List<String> SKUS = List.of("MUG", "PLATE", "CUP");
    private static final int CARTS = 300;

    /** Events of many carts in the order shoppers would make them, each at its global position. */
    private static List<Map.Entry<CartEvent, Long>> shopping(String prefix, Random random) {
        var perCart = new ArrayList<List<CartEvent>>();
        for (var i = 0; i < CARTS; i++) {
            var cartId = prefix + i;
            var events = new ArrayList<CartEvent>();
            events.add(new CartCreated(cartId, "customer-" + i));
            var held = new HashMap<String, Integer>();
            for (var step = random.nextInt(12); step > 0; step--) {
                var sku = SKUS.get(random.nextInt(SKUS.size()));
                var price = Money.of(100 + random.nextInt(3) * 50, "EUR");
                switch (random.nextInt(held.containsKey(sku) ? 3 : 1)) {
                    case 0 -> {
                        var quantity = 1 + random.nextInt(3);
                        events.add(new ItemAddedToCart(cartId, sku, quantity, price));
                        held.merge(sku, quantity, Integer::sum);
                    }
                    case 1 -> {
                        var quantity = 1 + random.nextInt(5);
                        events.add(new ItemQuantityChanged(cartId, sku, quantity));
                        held.put(sku, quantity);
                    }
                    default -> {
                        events.add(new ItemRemovedFromCart(cartId, sku));
                        held.remove(sku);
                    }
                }
            }
            if (random.nextInt(3) == 0) {
                var lines = held.entrySet().stream()
                        .map(line -> new CartLine(line.getKey(), line.getValue(), Money.of(100, "EUR"))).toList();
                events.add(new CartCheckedOut(cartId, "customer-" + i, "order-" + cartId, lines));
            }
            perCart.add(events);
        }
        var interleaved = new ArrayList<Map.Entry<CartEvent, Long>>();
        var position = 1_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        var next = new int[CARTS];
        var open = new ArrayList<Integer>();
        for (var i = 0; i < CARTS; i++) {
            open.add(i);
        }
        while (!open.isEmpty()) {
            var pick = random.nextInt(open.size());
            var cart = open.get(pick);
            interleaved.add(Map.entry(perCart.get(cart).get(next[cart]++), position++));
            if (next[cart] == perCart.get(cart).size()) {
                open.remove(pick);
            }
        }
        return interleaved;
    }

    private static HistoricEvent stored(Map.Entry<CartEvent, Long> event) throws Exception {
        return new HistoricEvent(event.getValue(), event.getKey().cartId(), Instant.now().toString(),
                event.getKey().getClass(), EventStoreConfiguration.eventObjectMapper()
                .writeValueAsBytes(event.getKey()));
    }

    /** Rows of the prefix's carts in one of the serving and the built version but not in the other. */
    private static long difference(JdbcTemplate jdbc, String table, int version, String prefix) {
        return jdbc.queryForObject("""
                select count(*) from (
                  (select * from %1$s where cart_id like ? except select * from %1$s_v%2$d)
                  union all
                  (select * from %1$s_v%2$d except select * from %1$s where cart_id like ?)) differing
                """.formatted(table, version), Long.class, prefix + "%", prefix + "%");
    }

    @Test
    void aVersionFoldedSetBasedHoldsExactlyTheRowsTheLiveProjectionWroteFromTheSameEvents() throws Exception {
        var jdbc = RealDatabase.migrated();
        var seed = ThreadLocalRandom.current().nextLong();
        var prefix = "rebuilt-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        var events = shopping(prefix, new Random(seed));
        var live = new CartViewProjection(jdbc);
        RealDatabase.inOneTransaction(jdbc, () -> events.forEach(event -> live.on(event.getKey(),
                new GlobalSequenceTrackingToken(event.getValue()), event.getValue())));
        var rebuild = new CartViewRebuild(jdbc, live);
        var version = 1_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        rebuild.create(version);
        try {
            // Two parts of the history, as the build writes them in parallel: each in position order.
            var half = events.size() / 2;
            for (var part : List.of(events.subList(half, events.size()), events.subList(0, half))) {
                try (var writer = rebuild.writer(version)) {
                    for (var event : part) {
                        writer.write(stored(event));
                    }
                }
            }
            rebuild.complete(version);

            assertThat(jdbc.queryForObject("select count(*) from cart_view_v" + version, Long.class))
                    .isEqualTo(CARTS);
            assertThat(difference(jdbc, "cart_view", version, prefix)).as("carts, seed %d", seed).isZero();
            assertThat(difference(jdbc, "cart_line_view", version, prefix)).as("lines, seed %d", seed).isZero();
            assertThat(jdbc.queryForObject("select count(*) from cart_line_view_v" + version, Long.class))
                    .as("lines, seed %d", seed).isPositive();
        } finally {
            rebuild.drop(version);
        }
    }
}
