package io.emporium.projections.catalog;

import io.emporium.contracts.catalog.CatalogEvent;
import io.emporium.contracts.catalog.CatalogEvent.PriceChanged;
import io.emporium.contracts.catalog.CatalogEvent.ProductActivated;
import io.emporium.contracts.catalog.CatalogEvent.ProductDefined;
import io.emporium.contracts.catalog.CatalogEvent.ProductDetailsUpdated;
import io.emporium.contracts.catalog.CatalogEvent.ProductDiscontinued;
import io.emporium.contracts.catalog.ProductDetails;
import io.emporium.contracts.inventory.InventoryEvent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A product as the search index holds it: the catalog's facts and the stock's available units, which come from two
 * aggregates ({@code product:SKU} and {@code stock:SKU}) and so are tracked by two positions.
 *
 * <p>Each stream's events reach the projection in order, but one stream's event can commit, and so arrive, after a
 * later-numbered event of the other (the global index is taken before commit). A single "last position" would then
 * drop the late event as old; the per-stream positions apply it.
 *
 * @param status          {@code UNKNOWN} while only stock is known (never listed), then {@code DRAFT},
 *                        {@code ACTIVE} or {@code DISCONTINUED}
 * @param catalogPosition global position of the last catalog event applied, 0 for none
 * @param stockPosition   global position of the last stock event applied, 0 for none
 * @param position        the highest of both: the document's external version in Elasticsearch
 */
record ProductDocument(String sku, @Nullable String name, @Nullable String description, @Nullable String category,
                       Map<String, String> attributes, @Nullable Long priceMinor, @Nullable String currency,
                       int available, boolean inStock, String status, long catalogPosition, long stockPosition,
                       long position) {

    static final String UNKNOWN = "UNKNOWN";

    ProductDocument {
        attributes = Map.copyOf(attributes);
    }

    /** Nothing known yet: the starting point of a SKU's first event, whichever stream it comes from. */
    static ProductDocument unknown(String sku) {
        return new ProductDocument(sku, null, null, null, Map.of(), null, null, 0, false, UNKNOWN, 0, 0, 0);
    }

    /** This document after the catalog event at {@code eventPosition}; unchanged if it was applied already. */
    ProductDocument apply(CatalogEvent event, long eventPosition) {
        if (eventPosition <= catalogPosition) {
            return this;
        }
        return switch (event) {
            case ProductDefined defined -> withDetails(defined.details()).withPrice(defined.price().minorUnits(),
                    defined.price().currency()).withStatus("DRAFT").atCatalog(eventPosition);
            case ProductActivated ignored -> withStatus("ACTIVE").atCatalog(eventPosition);
            case PriceChanged changed -> withPrice(changed.newPrice().minorUnits(), changed.newPrice().currency())
                    .atCatalog(eventPosition);
            case ProductDetailsUpdated updated -> withDetails(updated.details()).atCatalog(eventPosition);
            case ProductDiscontinued ignored -> withStatus("DISCONTINUED").atCatalog(eventPosition);
        };
    }

    /** This document after the stock event at {@code eventPosition}; unchanged if it was applied already. */
    ProductDocument apply(InventoryEvent event, long eventPosition) {
        if (eventPosition <= stockPosition) {
            return this;
        }
        var available = Math.max(0, event.levels().available());
        return new ProductDocument(sku, name, description, category, attributes, priceMinor, currency, available,
                available > 0, status, catalogPosition, eventPosition, Math.max(position, eventPosition));
    }

    private ProductDocument withDetails(ProductDetails details) {
        return new ProductDocument(sku, details.name(), details.description(), details.category(),
                details.attributes(), priceMinor, currency, available, inStock, status, catalogPosition,
                stockPosition, position);
    }

    private ProductDocument withPrice(long minorUnits, String newCurrency) {
        return new ProductDocument(sku, name, description, category, attributes, minorUnits, newCurrency, available,
                inStock, status, catalogPosition, stockPosition, position);
    }

    private ProductDocument withStatus(String newStatus) {
        return new ProductDocument(sku, name, description, category, attributes, priceMinor, currency, available,
                inStock, newStatus, catalogPosition, stockPosition, position);
    }

    private ProductDocument atCatalog(long eventPosition) {
        return new ProductDocument(sku, name, description, category, attributes, priceMinor, currency, available,
                inStock, status, eventPosition, stockPosition, Math.max(position, eventPosition));
    }
}
