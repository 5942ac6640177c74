package io.emporium.bench.scenario;

import io.emporium.bench.load.Call;
import io.emporium.bench.load.Reply;
import io.emporium.bench.load.Request;
import io.emporium.bench.load.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * One shopper of issue 6's storefront mix. Requests come in cycles of {@link #CYCLE}: 16 reads (10 product pages,
 * 4 searches, 2 autocompletes: 80 %), 3 cart requests (create a cart, add an item, read the cart: 15 %) and one
 * checkout (5 %), the cart's four in that order at random places among the reads. The cart is read at the position
 * its item's addition returned (read-your-writes, as a storefront shows the cart it just changed), and checked out
 * with the card the PSP simulator authorizes. A cart step that finds no cart (its creation failed) creates one.
 */
final class Shopper implements Session {

    static final String CREATE_CART = "POST /carts";
    static final String ADD_ITEM = "POST /carts/{id}/items";
    static final String READ_CART = "GET /carts/{id}";
    static final String CHECKOUT = "POST /carts/{id}/checkout";
    /** Every endpoint of the mix, in the order the report lists them. */
    static final List<String> ENDPOINTS = List.of(StorefrontRequests.DETAIL, StorefrontRequests.SEARCH,
            StorefrontRequests.SUGGEST, CREATE_CART, ADD_ITEM, READ_CART, CHECKOUT);
    static final int CYCLE = 20;

    private static final String POSITION_HEADER = "Emporium-Position";
    private static final List<String> READS = List.of(
            StorefrontRequests.DETAIL, StorefrontRequests.DETAIL, StorefrontRequests.DETAIL,
            StorefrontRequests.DETAIL, StorefrontRequests.DETAIL, StorefrontRequests.DETAIL,
            StorefrontRequests.DETAIL, StorefrontRequests.DETAIL, StorefrontRequests.DETAIL,
            StorefrontRequests.DETAIL, StorefrontRequests.SEARCH, StorefrontRequests.SEARCH,
            StorefrontRequests.SEARCH, StorefrontRequests.SEARCH, StorefrontRequests.SUGGEST,
            StorefrontRequests.SUGGEST);
    private static final List<String> CART_STEPS = List.of(CREATE_CART, ADD_ITEM, READ_CART, CHECKOUT);

    private final StorefrontRequests storefront;
    private final SplittableRandom random;
    private final String name;
    private final List<String> cycle = new ArrayList<>(CYCLE);
    private int step;
    private long keys;
    private @Nullable String cartId;
    private int items;
    private @Nullable String position;

    /** @param name unique among every shopper of every run on this store: it makes the idempotency keys */
    Shopper(StorefrontRequests storefront, SplittableRandom random, String name) {
        this.storefront = storefront;
        this.random = random;
        this.name = name;
    }

    /** The fraction of every cycle's requests that {@code endpoint} has: a half for product pages, 1/20 a cart step. */
    static double share(String endpoint) {
        return (READS.stream().filter(endpoint::equals).count() + CART_STEPS.stream().filter(endpoint::equals).count())
                / (double) CYCLE;
    }

    /** The endpoints of one cycle, in the order this shopper sends them. */
    List<String> nextCycle() {
        var reads = new ArrayList<>(READS);
        Collections.shuffle(reads, new Random(random.nextLong()));
        var cartSlots = new ArrayList<Integer>();
        while (cartSlots.size() < CART_STEPS.size()) {
            var slot = random.nextInt(CYCLE);
            if (!cartSlots.contains(slot)) {
                cartSlots.add(slot);
            }
        }
        Collections.sort(cartSlots);
        var endpoints = new ArrayList<String>(CYCLE);
        var read = 0;
        var cart = 0;
        for (var slot = 0; slot < CYCLE; slot++) {
            endpoints.add(cart < cartSlots.size() && cartSlots.get(cart) == slot ? CART_STEPS.get(cart++)
                    : reads.get(read++));
        }
        return endpoints;
    }

    @Override
    public Call next() {
        if (step == cycle.size()) {
            cycle.clear();
            cycle.addAll(nextCycle());
            step = 0;
        }
        var endpoint = cycle.get(step++);
        if (cartId == null && CART_STEPS.contains(endpoint)) {
            endpoint = CREATE_CART;
        }
        return switch (endpoint) {
            case StorefrontRequests.DETAIL -> new Call(endpoint, storefront.skewedDetail(random), ok());
            case StorefrontRequests.SEARCH -> new Call(endpoint, storefront.search(random), ok());
            case StorefrontRequests.SUGGEST -> new Call(endpoint, storefront.suggest(random), ok());
            case CREATE_CART -> {
                var key = key();
                cartId = null;
                yield new Call(endpoint, command("/carts", key, """
                        {"customerId":"%s"}""".formatted(name)), created());
            }
            case ADD_ITEM -> new Call(endpoint, command("/carts/" + cartId + "/items", key(), """
                    {"sku":"%s","quantity":1}""".formatted(storefront.stockedSku(random))), ok());
            case READ_CART -> new Call(endpoint, new Request("GET", "/carts/" + cartId,
                    position == null ? Map.of() : Map.of(POSITION_HEADER, position), null), ok());
            case CHECKOUT -> new Call(endpoint, command("/carts/" + cartId + "/checkout", key(),
                    "{\"payment\":" + SavedCards.TypedCard.PAYMENT + "}"), created());
            default -> throw new IllegalStateException("no endpoint " + endpoint + " in the mix");
        };
    }

    @Override
    public void answered(Call call, @Nullable Reply reply) {
        var success = reply != null && call.expected().test(reply.status());
        switch (call.endpoint()) {
            case CREATE_CART -> {
                if (success) {
                    cartId = cartOf(call.request().headers().get("Idempotency-Key"));
                    items = 0;
                    position = reply.header(POSITION_HEADER);
                }
            }
            case ADD_ITEM -> {
                if (success) {
                    items++;
                    position = reply.header(POSITION_HEADER);
                }
            }
            case CHECKOUT -> {
                // Checked out or refused, this cart is done: the next cycle starts a new one.
                cartId = null;
                items = 0;
                position = null;
            }
            default -> {
            }
        }
    }

    int items() {
        return items;
    }

    private String key() {
        return "bench-" + name + "-" + ++keys;
    }

    /** The cart id the engine derives from a creation's Idempotency-Key, so the shopper knows it before the answer. */
    static String cartOf(@Nullable String key) {
        return UUID.nameUUIDFromBytes(("cart:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Request command(String path, String key, String body) {
        return new Request("POST", path, Map.of("Content-Type", "application/json", "Idempotency-Key", key), body);
    }

    private static IntPredicate ok() {
        return status -> status == 200;
    }

    private static IntPredicate created() {
        return status -> status == 201;
    }
}
