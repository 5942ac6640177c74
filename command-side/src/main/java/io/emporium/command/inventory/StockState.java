package io.emporium.command.inventory;

import io.emporium.contracts.inventory.InventoryEvent;
import io.emporium.contracts.inventory.InventoryEvent.ReservationCommitted;
import io.emporium.contracts.inventory.InventoryEvent.ReservationReleased;
import io.emporium.contracts.inventory.InventoryEvent.StockAdjusted;
import io.emporium.contracts.inventory.InventoryEvent.StockReceived;
import io.emporium.contracts.inventory.InventoryEvent.StockReservationRejected;
import io.emporium.contracts.inventory.InventoryEvent.StockReserved;
import io.emporium.contracts.inventory.StockLevels;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The stock of one SKU as decisions need it: the levels, the open reservations, and the ids already dealt with,
 * so that a re-sent receipt, adjustment or reservation counts once.
 *
 * @param open    reservation id → units, for reservations neither shipped nor released
 * @param settled ids of receipts, adjustments and reservations that are done (reservations: shipped, released or
 *                rejected)
 */
record StockState(StockLevels levels, Map<String, Integer> open, Set<String> settled) {

    StockState {
        open = Map.copyOf(open);
        settled = Set.copyOf(settled);
    }

    static StockState initial() {
        return new StockState(StockLevels.NONE, Map.of(), Set.of());
    }

    boolean knows(String id) {
        return open.containsKey(id) || settled.contains(id);
    }

    StockState evolve(InventoryEvent event) {
        var nowOpen = new HashMap<>(open);
        var nowSettled = new HashSet<>(settled);
        switch (event) {
            case StockReceived received -> nowSettled.add(received.receiptId());
            case StockAdjusted adjusted -> nowSettled.add(adjusted.adjustmentId());
            case StockReserved reserved -> nowOpen.put(reserved.reservationId(), reserved.quantity());
            case StockReservationRejected rejected -> nowSettled.add(rejected.reservationId());
            case ReservationReleased released -> nowSettled.add(settle(nowOpen, released.reservationId()));
            case ReservationCommitted committed -> nowSettled.add(settle(nowOpen, committed.reservationId()));
        }
        return new StockState(event.levels(), nowOpen, nowSettled);
    }

    private static String settle(Map<String, Integer> open, String reservationId) {
        open.remove(reservationId);
        return reservationId;
    }
}
