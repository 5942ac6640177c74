package io.emporium.contracts.catalog;

import io.emporium.contracts.money.Money;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One page of products on sale matching a search, with the facets a customer can narrow it by.
 *
 * @param total how many products match in all pages
 */
public record ProductSearchResult(List<ProductHit> products, long total, int page, int size, Facets facets) {

    public ProductSearchResult {
        products = List.copyOf(products);
    }

    /**
     * One product in a result list.
     *
     * @param highlights per field ({@code name}, {@code description}), the matching fragments with the words that
     *                   matched in {@code <em>}
     */
    public record ProductHit(String sku, String name, String description, String category, Money price,
                             int available, boolean inStock, Map<String, List<String>> highlights) {

        public ProductHit {
            highlights = Map.copyOf(highlights);
        }
    }

    /**
     * How many matching products each further filter would leave. Each facet counts under every filter except its
     * own, so that choosing one category still shows how many products the other categories hold.
     */
    public record Facets(List<CategoryCount> categories, List<PriceRangeCount> priceRanges) {

        public Facets {
            categories = List.copyOf(categories);
            priceRanges = List.copyOf(priceRanges);
        }
    }

    public record CategoryCount(String category, long count) {}

    /**
     * @param from lowest price in minor units, inclusive; none for the cheapest range
     * @param to   price in minor units the range stops below; none for the dearest range
     */
    public record PriceRangeCount(@Nullable Long from, @Nullable Long to, long count) {}
}
