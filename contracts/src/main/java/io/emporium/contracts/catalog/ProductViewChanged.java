package io.emporium.contracts.catalog;

/**
 * The product read model now shows a change to this SKU (price, stock, details or status), up to this global
 * position: whatever a reader cached about the product before is stale.
 *
 * <p>Every engine instance hears it: it is announced on the PostgreSQL channel {@value #CHANNEL} when the batch that
 * wrote the change commits, as {@code {"id": sku, "status": null, "position": position}}, the shape every read
 * model's change notices share. A notice without an id says the whole read model changed (a rebuilt index took over).
 */
public record ProductViewChanged(String sku, long position) {

    public static final String CHANNEL = "product_view_changes";
}
