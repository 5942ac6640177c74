package io.emporium.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import io.emporium.bench.history.EventRowTemplate;
import io.emporium.bench.load.Request;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlaceOrderRequestsTest {

    private final SavedCards cards = new SavedCards(List.of(
            "{\"token\":\"tok_A\",\"brand\":\"visa\",\"last4\":\"4242\"}",
            "{\"token\":\"tok_B\",\"brand\":\"visa\",\"last4\":\"4242\"}"));

    @Test
    void aCustomerPaysEveryOrderWithTheSameSavedCardAndNoCardNumberIsSent() {
        var requests = new PlaceOrderRequests(cards);
        var orders = IntStream.range(0, 2 * EventRowTemplate.CUSTOMERS + 1).mapToObj(i -> requests.get()).toList();

        assertThat(read(orders.getLast(), "$.customerId")).isEqualTo(read(orders.getFirst(), "$.customerId"));
        assertThat(read(orders.getLast(), "$.payment")).isEqualTo(read(orders.getFirst(), "$.payment"));
        assertThat(orders).allSatisfy(order -> assertThat(order.body()).doesNotContain(SavedCards.GOOD_CARD));
        assertThat(orders.stream().map(order -> read(order, "$.payment.cardToken.token")).distinct())
                .containsExactlyInAnyOrder("tok_A", "tok_B");
    }

    @Test
    void everyOrderHasAnIdempotencyKeyOfItsOwn() {
        var requests = new PlaceOrderRequests(cards);
        var keys = new HashSet<String>();
        IntStream.range(0, 1_000).forEach(i -> keys.add(requests.get().headers().get("Idempotency-Key")));

        assertThat(keys).hasSize(1_000);
    }

    @Test
    void ordersWithTypedCardsCarryTheCardForTheEngineToTokenize() {
        var order = PlaceOrderRequests.withTypedCards().get();

        assertThat(read(order, "$.payment")).isEqualTo(Map.of("card", Map.of("number", SavedCards.GOOD_CARD,
                "expMonth", 12, "expYear", 2030, "cvc", "123")));
    }

    @Test
    void aRunWithoutSavedCardsIsRefused() {
        assertThatThrownBy(() -> new SavedCards(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Object read(Request request, String path) {
        return JsonPath.read(Objects.requireNonNull(request.body()), path);
    }
}
