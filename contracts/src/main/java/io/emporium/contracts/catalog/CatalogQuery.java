package io.emporium.contracts.catalog;

import org.jspecify.annotations.Nullable;

/** What the storefront asks of the catalog; only products on sale are listed, by price in minor units. */
public sealed interface CatalogQuery {

    /**
     * Which products on sale match these words and filters, on which page?
     *
     * @param text     words to look for in name, description, category and attributes; none lists every product
     * @param minPrice lowest price in minor units, inclusive
     * @param maxPrice highest price in minor units, inclusive
     * @param inStock  only products a customer can buy now ({@code true}) or only those sold out ({@code false})
     * @param page     zero-based page number
     */
    record SearchProducts(@Nullable String text, @Nullable String category, @Nullable Long minPrice,
                          @Nullable Long maxPrice, @Nullable Boolean inStock, ProductSort sort, int page, int size)
            implements CatalogQuery {}

    /** Which products on sale have a name with words starting like this? For autocomplete as the customer types. */
    record SuggestProducts(String prefix, int size) implements CatalogQuery {}

    /** What does the product with this SKU look like now, as the read model knows it? */
    record FindProduct(String sku) implements CatalogQuery {}

    /** The order of search results; every order ends on the SKU, so that paging is stable among equals. */
    enum ProductSort {
        RELEVANCE, PRICE_ASC, PRICE_DESC, NAME
    }
}
