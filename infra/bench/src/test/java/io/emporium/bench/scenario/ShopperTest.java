package io.emporium.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emporium.bench.load.Call;
import io.emporium.bench.load.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShopperTest {

    private final StorefrontRequests storefront = new StorefrontRequests(500);

    @Test
    void everyCycleIsEightyPercentBrowsingFifteenCartAndFiveCheckout() {
        var shopper = new Shopper(storefront, new SplittableRandom(3), "shopper-a");

        for (var i = 0; i < 50; i++) {
            var cycle = shopper.nextCycle();
            var counts = cycle.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(StorefrontRequests.DETAIL, 10L,
                    StorefrontRequests.SEARCH, 4L, StorefrontRequests.SUGGEST, 2L, Shopper.CREATE_CART, 1L,
                    Shopper.ADD_ITEM, 1L, Shopper.READ_CART, 1L, Shopper.CHECKOUT, 1L));
            assertThat(cycle.stream().filter(endpoint -> endpoint.contains("/carts")).toList())
                    .containsExactly(Shopper.CREATE_CART, Shopper.ADD_ITEM, Shopper.READ_CART, Shopper.CHECKOUT);
        }
    }

    @Test
    void eachEndpointsShareOfTheMixIsItsShareOfACycle() {
        assertThat(Shopper.share(StorefrontRequests.DETAIL)).isEqualTo(0.5);
        assertThat(Shopper.share(StorefrontRequests.SEARCH)).isEqualTo(0.2);
        assertThat(Shopper.share(Shopper.CHECKOUT)).isEqualTo(0.05);
        assertThat(Shopper.ENDPOINTS.stream().mapToDouble(Shopper::share).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aShopperFillsTheCartItCreatedReadsItAtItsOwnWriteAndChecksItOut() {
        var shopper = new Shopper(storefront, new SplittableRandom(5), "shopper-b");
        var calls = new ArrayList<Call>();
        var position = 100;
        while (calls.stream().noneMatch(call -> call.endpoint().equals(Shopper.CHECKOUT))) {
            var call = shopper.next();
            calls.add(call);
            var status = call.endpoint().equals(Shopper.CREATE_CART) || call.endpoint().equals(Shopper.CHECKOUT)
                    ? 201 : 200;
            shopper.answered(call, new Reply(status, Map.of("emporium-position", Integer.toString(++position))));
        }

        var cartCalls = calls.stream().filter(call -> call.endpoint().contains("/carts")).toList();
        var cartId = Shopper.cartOf(cartCalls.get(0).request().headers().get("Idempotency-Key"));
        assertThat(cartCalls).extracting(call -> call.request().path()).containsExactly("/carts",
                "/carts/" + cartId + "/items", "/carts/" + cartId, "/carts/" + cartId + "/checkout");
        var addedAt = calls.indexOf(cartCalls.get(1)) + 101;
        assertThat(cartCalls.get(2).request().headers()).containsEntry("Emporium-Position", Integer.toString(addedAt));
        assertThat(cartCalls).filteredOn(call -> call.request().method().equals("POST"))
                .extracting(call -> call.request().headers().get("Idempotency-Key")).doesNotHaveDuplicates();
    }

    @Test
    void aCartStepWithoutACartCreatesOne() {
        var shopper = new Shopper(storefront, new SplittableRandom(7), "shopper-c");
        var endpoints = new ArrayList<String>();
        for (var i = 0; i < 2 * Shopper.CYCLE; i++) {
            var call = shopper.next();
            endpoints.add(call.endpoint());
            shopper.answered(call, new Reply(500, Map.of()));
        }

        assertThat(endpoints.stream().filter(endpoint -> endpoint.contains("/carts")).distinct().toList())
                .isEqualTo(List.of(Shopper.CREATE_CART));
    }
}
