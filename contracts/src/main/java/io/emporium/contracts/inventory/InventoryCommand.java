package io.emporium.contracts.inventory;

/**
 * What can be asked of the stock of one SKU. A reservation holds units for one order line until the order is
 * shipped (committed) or cancelled (released); its id is chosen by the caller so that a retry is recognisable.
 */
public sealed interface InventoryCommand {

    String sku();

    /** Units arrived at the warehouse; the receipt id makes a re-sent delivery note count once. */
    record ReceiveStock(String sku, String receiptId, int quantity) implements InventoryCommand {}

    /** A stock count found a different number of units on hand (breakage, theft, a miscount). */
    record AdjustStock(String sku, String adjustmentId, int quantityDelta, String reason) implements InventoryCommand {}

    record ReserveStock(String sku, String reservationId, int quantity) implements InventoryCommand {}

    record ReleaseReservation(String sku, String reservationId) implements InventoryCommand {}

    /** The reserved units left the warehouse: they are no longer on hand. */
    record CommitReservation(String sku, String reservationId) implements InventoryCommand {}
}
