package io.emporium.command.inventory;

import io.emporium.command.decision.Decision;
import io.emporium.contracts.inventory.InventoryCommand;
import io.emporium.contracts.inventory.InventoryCommand.AdjustStock;
import io.emporium.contracts.inventory.InventoryCommand.CommitReservation;
import io.emporium.contracts.inventory.InventoryCommand.ReceiveStock;
import io.emporium.contracts.inventory.InventoryCommand.ReleaseReservation;
import io.emporium.contracts.inventory.InventoryCommand.ReserveStock;
import io.emporium.contracts.inventory.InventoryEvent;
import io.emporium.contracts.inventory.InventoryEvent.ReservationCommitted;
import io.emporium.contracts.inventory.InventoryEvent.ReservationReleased;
import io.emporium.contracts.inventory.InventoryEvent.StockAdjusted;
import io.emporium.contracts.inventory.InventoryEvent.StockReceived;
import io.emporium.contracts.inventory.InventoryEvent.StockReservationRejected;
import io.emporium.contracts.inventory.InventoryEvent.StockReserved;
import io.emporium.contracts.inventory.StockLevels;

/**
 * What the stock of a SKU decides, as a pure function of a command and its state. The one invariant: units
 * reserved never exceed units on hand.
 */
final class StockDecisions {

    static final String BELOW_RESERVED = "STOCK_BELOW_RESERVED";

    private StockDecisions() {}

    static Decision<InventoryEvent> decide(InventoryCommand command, StockState state) {
        var levels = state.levels();
        return switch (command) {
            case ReceiveStock receive -> state.knows(receive.receiptId()) ? Decision.nothing()
                    : Decision.accept(new StockReceived(receive.sku(), receive.receiptId(), receive.quantity(),
                            new StockLevels(levels.onHand() + receive.quantity(), levels.reserved())));
            case AdjustStock adjust -> adjust(adjust, state);
            case ReserveStock reserve -> reserve(reserve, state);
            case ReleaseReservation release -> {
                var units = state.open().get(release.reservationId());
                yield units == null ? Decision.nothing()
                        : Decision.accept(new ReservationReleased(release.sku(), release.reservationId(), units,
                                new StockLevels(levels.onHand(), levels.reserved() - units)));
            }
            case CommitReservation commit -> {
                var units = state.open().get(commit.reservationId());
                yield units == null ? Decision.nothing()
                        : Decision.accept(new ReservationCommitted(commit.sku(), commit.reservationId(), units,
                                new StockLevels(levels.onHand() - units, levels.reserved() - units)));
            }
        };
    }

    /** A count may find fewer units, but never fewer than are promised to orders: those must be sorted out first. */
    private static Decision<InventoryEvent> adjust(AdjustStock adjust, StockState state) {
        if (state.knows(adjust.adjustmentId()) || adjust.quantityDelta() == 0) {
            return Decision.nothing();
        }
        var levels = state.levels();
        var onHand = levels.onHand() + adjust.quantityDelta();
        if (onHand < levels.reserved()) {
            return Decision.reject(BELOW_RESERVED, "Adjusting " + adjust.sku() + " by " + adjust.quantityDelta()
                    + " would leave " + onHand + " units on hand for " + levels.reserved() + " reserved.");
        }
        return Decision.accept(new StockAdjusted(adjust.sku(), adjust.adjustmentId(), adjust.quantityDelta(),
                adjust.reason(), new StockLevels(onHand, levels.reserved())));
    }

    /** Out of stock is an event, not an error: the lost demand is worth knowing, and the order flow reacts to it. */
    private static Decision<InventoryEvent> reserve(ReserveStock reserve, StockState state) {
        if (state.knows(reserve.reservationId())) {
            return Decision.nothing();
        }
        var levels = state.levels();
        return levels.available() >= reserve.quantity()
                ? Decision.accept(new StockReserved(reserve.sku(), reserve.reservationId(), reserve.quantity(),
                        new StockLevels(levels.onHand(), levels.reserved() + reserve.quantity())))
                : Decision.accept(new StockReservationRejected(reserve.sku(), reserve.reservationId(),
                        reserve.quantity(), levels));
    }
}
