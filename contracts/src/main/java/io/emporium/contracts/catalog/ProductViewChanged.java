package io.emporium.contracts.catalog;

/**
 * The product read model now shows a change to this SKU (price, stock, details or status), up to this global
 * position: whatever a reader cached about the product before is stale.
 */
public record ProductViewChanged(String sku, long position) {}
