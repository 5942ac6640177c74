package io.emporium.query.catalog;

import io.emporium.contracts.catalog.ProductSearchResult;
import io.emporium.contracts.catalog.ProductSuggestions;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The storefront's catalog searches: with facets, and for autocomplete. Parameters arrive as text and are checked
 * here, so that a wrong one is a problem that names it. A product's page is {@link ProductPageRoute}.
 */
@RestController
class CatalogQueryApi {

    static final String SEARCH = "/products/search";
    static final String SUGGEST = "/products/suggest";

    private final ProductIndexReader index;

    CatalogQueryApi(ProductIndexReader index) {
        this.index = index;
    }

    /**
     * Products on sale matching the words {@code q} (accents and case ignored, word starts count), filtered by
     * category, price in minor units (inclusive) and stock; sorted by relevance, price_asc, price_desc or name.
     */
    @GetMapping(SEARCH)
    Mono<ProductSearchResult> search(@RequestParam(required = false) @Nullable String q,
                                     @RequestParam(required = false) @Nullable String category,
                                     @RequestParam(required = false) @Nullable String minPrice,
                                     @RequestParam(required = false) @Nullable String maxPrice,
                                     @RequestParam(required = false) @Nullable String inStock,
                                     @RequestParam(required = false) @Nullable String sort,
                                     @RequestParam(required = false) @Nullable String page,
                                     @RequestParam(required = false) @Nullable String size) {
        return Mono.defer(() -> index.answer(
                CatalogParameters.search(q, category, minPrice, maxPrice, inStock, sort, page, size)));
    }

    /** Products on sale whose name has words starting like {@code prefix}, for autocomplete. */
    @GetMapping(SUGGEST)
    Mono<ProductSuggestions> suggest(@RequestParam(required = false) @Nullable String prefix,
                                     @RequestParam(required = false) @Nullable String size) {
        return Mono.defer(() -> index.answer(CatalogParameters.suggest(prefix, size)));
    }
}
