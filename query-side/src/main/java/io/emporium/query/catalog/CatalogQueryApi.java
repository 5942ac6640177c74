package io.emporium.query.catalog;

import io.emporium.contracts.catalog.ProductSearchResult;
import io.emporium.contracts.catalog.ProductSuggestions;
import io.emporium.contracts.catalog.ProductView;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The storefront's catalog reads: search with facets, autocomplete, and a product's page. Parameters arrive as text
 * and are checked here, so that a wrong one is a problem that names it.
 */
@RestController
class CatalogQueryApi {

    private final ProductIndexReader index;
    private final ProductDetailCache cache;
    private final JsonMapper json;

    CatalogQueryApi(ProductIndexReader index, ProductDetailCache cache, JsonMapper json) {
        this.index = index;
        this.cache = cache;
        this.json = json;
    }

    /**
     * Products on sale matching the words {@code q} (accents and case ignored, word starts count), filtered by
     * category, price in minor units (inclusive) and stock; sorted by relevance, price_asc, price_desc or name.
     */
    @GetMapping("/products/search")
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
    @GetMapping("/products/suggest")
    Mono<ProductSuggestions> suggest(@RequestParam(required = false) @Nullable String prefix,
                                     @RequestParam(required = false) @Nullable String size) {
        return Mono.defer(() -> index.answer(CatalogParameters.suggest(prefix, size)));
    }

    /**
     * A product's page: on sale or discontinued; a draft or an unknown SKU is not found. Sent as the JSON the cache
     * keeps, with its type stated, so that a hit neither encodes nor negotiates; a client that accepts no JSON is
     * still refused by the mapping.
     */
    @GetMapping(path = "/products/{sku}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The product's page", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ProductView.class)))
    Mono<ResponseEntity<byte[]>> product(@PathVariable String sku) {
        return Mono.defer(() -> {
            var query = CatalogParameters.find(sku);
            return cache.get(query.sku(), key -> index.answer(query).map(json::writeValueAsBytes));
        }).map(page -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No product " + sku + " is on sale (yet).")));
    }
}
