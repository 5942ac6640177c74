package io.emporium.contracts.inventory;

/**
 * The stock of one SKU at one moment.
 *
 * @param onHand   units in the warehouse
 * @param reserved units of those promised to orders not yet shipped; never more than on hand
 */
public record StockLevels(int onHand, int reserved) {

    public static final StockLevels NONE = new StockLevels(0, 0);

    /** Units a new order can still reserve. */
    public int available() {
        return onHand - reserved;
    }
}
