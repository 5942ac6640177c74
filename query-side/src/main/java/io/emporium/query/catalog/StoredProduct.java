package io.emporium.query.catalog;

import io.emporium.contracts.catalog.ProductSearchResult.ProductHit;
import io.emporium.contracts.catalog.ProductView;
import io.emporium.contracts.money.Money;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A product document as the product-search projection stores it in the index {@code products}; the query side
 * reads only, and names only the fields it shows.
 */
record StoredProduct(String sku, @Nullable String name, @Nullable String description, @Nullable String category,
                     @Nullable Map<String, String> attributes, @Nullable Long priceMinor, @Nullable String currency,
                     int available, boolean inStock, String status, long position) {

    static final String ACTIVE = "ACTIVE";
    static final String DISCONTINUED = "DISCONTINUED";

    /** Customers see a product's page once it is on sale, and still after it is discontinued. */
    boolean visible() {
        return ACTIVE.equals(status) || DISCONTINUED.equals(status);
    }

    ProductView view() {
        return new ProductView(sku, Objects.requireNonNull(name), Objects.requireNonNullElse(description, ""),
                Objects.requireNonNull(category), Objects.requireNonNullElse(attributes, Map.of()), price(),
                available, inStock, status, position);
    }

    ProductHit hit(Map<String, List<String>> highlights) {
        return new ProductHit(sku, Objects.requireNonNull(name), Objects.requireNonNullElse(description, ""),
                Objects.requireNonNull(category), price(), available, inStock, highlights);
    }

    private Money price() {
        return Money.of(Objects.requireNonNull(priceMinor), Objects.requireNonNull(currency));
    }
}
