package io.emporium.command.inventory;

import static io.emporium.command.decision.RejectionMatcher.rejectedFor;

import io.emporium.contracts.inventory.InventoryCommand.AdjustStock;
import io.emporium.contracts.inventory.InventoryCommand.CommitReservation;
import io.emporium.contracts.inventory.InventoryCommand.ReceiveStock;
import io.emporium.contracts.inventory.InventoryCommand.ReleaseReservation;
import io.emporium.contracts.inventory.InventoryCommand.ReserveStock;
import io.emporium.contracts.inventory.InventoryEvent.ReservationCommitted;
import io.emporium.contracts.inventory.InventoryEvent.ReservationReleased;
import io.emporium.contracts.inventory.InventoryEvent.StockAdjusted;
import io.emporium.contracts.inventory.InventoryEvent.StockReceived;
import io.emporium.contracts.inventory.InventoryEvent.StockReservationRejected;
import io.emporium.contracts.inventory.InventoryEvent.StockReserved;
import io.emporium.contracts.inventory.StockLevels;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StockTest {

    private static final String SKU = "SKU-MUG";
    private static final StockReceived TEN_RECEIVED = new StockReceived(SKU, "receipt-1", 10, new StockLevels(10, 0));

    private AggregateTestFixture<Stock> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Stock.class);
        fixture.registerCommandTargetResolver(new InventoryRouting().inventoryTargetResolver());
    }

    @Test
    void receivedUnitsAreOnHand() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveStock(SKU, "receipt-1", 10))
                .expectEvents(TEN_RECEIVED);
    }

    @Test
    void aReceiptSentTwiceCountsOnce() {
        fixture.given(TEN_RECEIVED)
                .when(new ReceiveStock(SKU, "receipt-1", 10))
                .expectNoEvents();
    }

    @Test
    void reservesAvailableUnitsForAnOrderLine() {
        fixture.given(TEN_RECEIVED)
                .when(new ReserveStock(SKU, "order-1/1", 4))
                .expectEvents(new StockReserved(SKU, "order-1/1", 4, new StockLevels(10, 4)));
    }

    @Test
    void rejectsAReservationBeyondWhatIsAvailable() {
        fixture.given(TEN_RECEIVED, new StockReserved(SKU, "order-1/1", 8, new StockLevels(10, 8)))
                .when(new ReserveStock(SKU, "order-2/1", 3))
                .expectEvents(new StockReservationRejected(SKU, "order-2/1", 3, new StockLevels(10, 8)));
    }

    @Test
    void rejectsReservationsOfASkuNeverReceived() {
        fixture.givenNoPriorActivity()
                .when(new ReserveStock(SKU, "order-1/1", 1))
                .expectEvents(new StockReservationRejected(SKU, "order-1/1", 1, StockLevels.NONE));
    }

    @Test
    void aReservationSentTwiceReservesOnce() {
        fixture.given(TEN_RECEIVED, new StockReserved(SKU, "order-1/1", 4, new StockLevels(10, 4)))
                .when(new ReserveStock(SKU, "order-1/1", 4))
                .expectNoEvents();
    }

    @Test
    void releasingAReservationMakesItsUnitsAvailableAgain() {
        fixture.given(TEN_RECEIVED, new StockReserved(SKU, "order-1/1", 4, new StockLevels(10, 4)))
                .when(new ReleaseReservation(SKU, "order-1/1"))
                .expectEvents(new ReservationReleased(SKU, "order-1/1", 4, new StockLevels(10, 0)));
    }

    @Test
    void aReleasedReservationIsNotReservedAgainByARetry() {
        fixture.given(TEN_RECEIVED, new StockReserved(SKU, "order-1/1", 4, new StockLevels(10, 4)),
                        new ReservationReleased(SKU, "order-1/1", 4, new StockLevels(10, 0)))
                .when(new ReserveStock(SKU, "order-1/1", 4))
                .expectNoEvents();
    }

    @Test
    void committingAReservationTakesItsUnitsOffHand() {
        fixture.given(TEN_RECEIVED, new StockReserved(SKU, "order-1/1", 4, new StockLevels(10, 4)))
                .when(new CommitReservation(SKU, "order-1/1"))
                .expectEvents(new ReservationCommitted(SKU, "order-1/1", 4, new StockLevels(6, 0)));
    }

    @Test
    void releasingOrCommittingAnUnknownReservationChangesNothing() {
        fixture.given(TEN_RECEIVED)
                .when(new ReleaseReservation(SKU, "order-9/1"))
                .expectNoEvents();
        fixture.given(TEN_RECEIVED)
                .when(new CommitReservation(SKU, "order-9/1"))
                .expectNoEvents();
    }

    @Test
    void aCountMayFindFewerUnits() {
        fixture.given(TEN_RECEIVED)
                .when(new AdjustStock(SKU, "count-1", -3, "breakage"))
                .expectEvents(new StockAdjusted(SKU, "count-1", -3, "breakage", new StockLevels(7, 0)));
    }

    @Test
    void refusesACountThatWouldLeaveFewerUnitsThanAreReserved() {
        fixture.given(TEN_RECEIVED, new StockReserved(SKU, "order-1/1", 8, new StockLevels(10, 8)))
                .when(new AdjustStock(SKU, "count-1", -3, "breakage"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(StockDecisions.BELOW_RESERVED));
    }

    @Test
    void aStockWithALongHistoryStillKnowsEachOfItsReservations() {
        var history = busySku(2_000);
        fixture.given(history)
                .when(new ReserveStock(SKU, "order-1/1", 1))
                .expectNoEvents();
        fixture.given(history)
                .when(new CommitReservation(SKU, "order-1000/1"))
                .expectEvents(new ReservationCommitted(SKU, "order-1000/1", 1, new StockLevels(9_999, 1_999)));
        fixture.given(history)
                .when(new ReserveStock(SKU, "order-2001/1", 1))
                .expectEvents(new StockReserved(SKU, "order-2001/1", 1, new StockLevels(10_000, 2_001)));
    }

    /** A SKU received 10,000 units and then reserved one for each of {@code orders} orders. */
    private static List<Object> busySku(int orders) {
        var history = new ArrayList<Object>();
        history.add(new StockReceived(SKU, "receipt-1", 10_000, new StockLevels(10_000, 0)));
        for (var order = 1; order <= orders; order++) {
            history.add(new StockReserved(SKU, "order-" + order + "/1", 1, new StockLevels(10_000, order)));
        }
        return history;
    }
}
