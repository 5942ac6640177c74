package io.emporium.contracts.inventory;

/**
 * What has happened to the stock of one SKU. Every event carries the levels after it, so that read models and
 * analytics never have to replay a SKU's history to know them.
 *
 * @see StockLevels
 */
public sealed interface InventoryEvent {

    String sku();

    StockLevels levels();

    record StockReceived(String sku, String receiptId, int quantity, StockLevels levels) implements InventoryEvent {}

    record StockAdjusted(String sku, String adjustmentId, int quantityDelta, String reason, StockLevels levels)
            implements InventoryEvent {}

    record StockReserved(String sku, String reservationId, int quantity, StockLevels levels)
            implements InventoryEvent {}

    /** Not enough units were available: the demand is recorded, since a sale was lost to it. */
    record StockReservationRejected(String sku, String reservationId, int quantity, StockLevels levels)
            implements InventoryEvent {}

    record ReservationReleased(String sku, String reservationId, int quantity, StockLevels levels)
            implements InventoryEvent {}

    record ReservationCommitted(String sku, String reservationId, int quantity, StockLevels levels)
            implements InventoryEvent {}
}
