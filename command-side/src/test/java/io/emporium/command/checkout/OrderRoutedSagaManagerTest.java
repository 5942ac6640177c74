package io.emporium.command.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.inventory.InventoryEvent.StockReceived;
import io.emporium.contracts.inventory.InventoryEvent.StockReservationRejected;
import io.emporium.contracts.inventory.InventoryEvent.StockReserved;
import io.emporium.contracts.inventory.StockLevels;
import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderEvent.OrderCancelled;
import io.emporium.contracts.order.OrderEvent.OrderConfirmed;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderEvent.OrderRejected;
import io.emporium.contracts.order.OrderLine;
import io.emporium.contracts.order.PaymentCard;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.repository.AnnotatedSagaRepository;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.Test;

class OrderRoutedSagaManagerTest {

    private final OrderRoutedSagaManager manager = new OrderRoutedSagaManager(
            AnnotatedSagaManager.<CheckoutProcess>builder()
                    .sagaType(CheckoutProcess.class)
                    .sagaRepository(AnnotatedSagaRepository.<CheckoutProcess>builder()
                            .sagaType(CheckoutProcess.class)
                            .sagaStore(new InMemorySagaStore())
                            .build()));

    private static final List<Segment> SIXTEEN = Segment.splitBalanced(Segment.ROOT_SEGMENT, 15);

    private static OrderPlaced placed(String orderId) {
        return new OrderPlaced(orderId, "customer-1", List.of(new OrderLine("SKU-MUG", 1, Money.of(1_250, "EUR"))),
                Money.of(1_250, "EUR"), new PaymentCard("tok_good", "visa", "4242"), Instant.EPOCH);
    }

    private static List<Object> checkoutEventsOf(String orderId) {
        var reservation = CheckoutProcess.reservationOf(orderId, 1);
        return List.of(placed(orderId),
                new StockReserved("SKU-MUG", reservation, 1, new StockLevels(9, 1)),
                new StockReservationRejected("SKU-MUG", reservation, 1, new StockLevels(0, 0)),
                new OrderRejected(orderId, CheckoutProcess.OUT_OF_STOCK),
                new OrderCancelled(orderId, "CUSTOMER_REQUEST"));
    }

    private List<Segment> segmentsTaking(Object payload) {
        return SIXTEEN.stream()
                .filter(segment -> manager.canHandle(GenericEventMessage.asEventMessage(payload), segment))
                .toList();
    }

    @Test
    void everyEventOfAnOrderGoesToOneAndTheSameSegment() {
        IntStream.range(0, 200).mapToObj(i -> "order-" + i).forEach(orderId -> {
            var owner = segmentsTaking(placed(orderId));
            assertThat(owner).hasSize(1);
            checkoutEventsOf(orderId).forEach(event -> assertThat(segmentsTaking(event)).isEqualTo(owner));
        });
    }

    @Test
    void aConfirmationGoesToNoSegmentAsTheStepThatConfirmedHasDoneItsPart() {
        assertThat(segmentsTaking(new OrderConfirmed("order-1", "pay-1"))).isEmpty();
    }

    @Test
    void theSegmentThatReceivesThePlacedOrderIsTheOneAllowedToStartItsProcess() {
        IntStream.range(0, 200).mapToObj(i -> "order-" + i).forEach(orderId ->
                assertThat(segmentsTaking(placed(orderId)).getFirst()
                        .matches(OrderRoutedSagaManager.routingValue(orderId))).isTrue());
    }

    @Test
    void ordersSpreadOverAllSegments() {
        var used = IntStream.range(0, 2_000)
                .mapToObj(i -> segmentsTaking(placed("order-" + i)).getFirst().getSegmentId())
                .distinct()
                .count();
        assertThat(used).isEqualTo(SIXTEEN.size());
    }

    @Test
    void aSplitSegmentStillHandsEachOrderToOneSegment() {
        var halves = SIXTEEN.getFirst().split();
        IntStream.range(0, 200).mapToObj(i -> "order-" + i).forEach(orderId -> {
            var taking = Arrays.stream(halves)
                    .filter(half -> manager.canHandle(GenericEventMessage.asEventMessage(placed(orderId)), half))
                    .count();
            var inSplitSegment = manager.canHandle(GenericEventMessage.asEventMessage(placed(orderId)),
                    SIXTEEN.getFirst());
            assertThat(taking).isEqualTo(inSplitSegment ? 1 : 0);
        });
    }

    @Test
    void eventsTheProcessNeverHandlesGoToNoSegment() {
        assertThat(segmentsTaking(new StockReceived("SKU-MUG", "receipt-1", 10, new StockLevels(10, 0)))).isEmpty();
        assertThat(segmentsTaking(new StockReserved("SKU-MUG", "no-line-number", 1, new StockLevels(9, 1))))
                .isEmpty();
    }
}
