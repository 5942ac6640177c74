package io.emporium.contracts.catalog;

import io.emporium.contracts.money.Money;
import java.util.Map;

/**
 * A product as its detail page shows it.
 *
 * @param available units a new order can still reserve
 * @param status    where the product stands: {@code ACTIVE} (on sale) or {@code DISCONTINUED}
 * @param position  global position of the last event applied to this view, for read-your-writes
 */
public record ProductView(String sku, String name, String description, String category,
                          Map<String, String> attributes, Money price, int available, boolean inStock, String status,
                          long position) {

    public ProductView {
        attributes = Map.copyOf(attributes);
    }
}
