package io.emporium.query.catalog;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.AggregationRange;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.NamedValue;
import io.emporium.contracts.catalog.CatalogQuery.ProductSort;
import io.emporium.contracts.catalog.CatalogQuery.SearchProducts;
import io.emporium.contracts.catalog.CatalogQuery.SuggestProducts;
import io.emporium.contracts.catalog.ProductSearchResult;
import io.emporium.contracts.catalog.ProductSearchResult.CategoryCount;
import io.emporium.contracts.catalog.ProductSearchResult.Facets;
import io.emporium.contracts.catalog.ProductSearchResult.PriceRangeCount;
import io.emporium.contracts.catalog.ProductSuggestions;
import io.emporium.contracts.catalog.ProductSuggestions.Suggestion;
import io.emporium.contracts.catalog.ProductView;
import io.emporium.query.ReadModelUnavailableException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the index {@code products} (written by the product-search projection) without blocking: the asynchronous
 * client answers on Elasticsearch's own I/O threads, never an event-loop thread.
 */
@Component
class ProductIndexReader {

    private static final Logger LOG = LoggerFactory.getLogger(ProductIndexReader.class);

    private static final String INDEX = "products";
    private static final String NAME = "name";
    private static final String NAME_PREFIX = "name.prefix";
    private static final String DESCRIPTION = "description";
    private static final String CATEGORY = "category";
    private static final String PRICE = "priceMinor";
    private static final String SKU = "sku";
    private static final Query ON_SALE = Query.of(q -> q.term(t -> t.field("status").value(StoredProduct.ACTIVE)));
    /** More categories than a facet list can show is a catalog problem, not a search one. */
    private static final int CATEGORY_FACETS = 50;
    /** The price-range facets in minor units, each from inclusive, to exclusive. */
    private static final List<AggregationRange> PRICE_RANGES = List.of(
            AggregationRange.of(r -> r.to(1_000.0)),
            AggregationRange.of(r -> r.from(1_000.0).to(2_500.0)),
            AggregationRange.of(r -> r.from(2_500.0).to(5_000.0)),
            AggregationRange.of(r -> r.from(5_000.0).to(10_000.0)),
            AggregationRange.of(r -> r.from(10_000.0)));

    private static final String CATEGORIES = "categories";
    private static final String PRICES = "prices";
    private static final String COUNTS = "counts";
    private static final Aggregation CATEGORY_COUNTS =
            Aggregation.of(a -> a.terms(t -> t.field(CATEGORY).size(CATEGORY_FACETS)));
    private static final Aggregation PRICE_COUNTS =
            Aggregation.of(a -> a.range(r -> r.field(PRICE).ranges(PRICE_RANGES)));

    private final ElasticsearchAsyncClient client;

    ProductIndexReader(ElasticsearchClient client) {
        this.client = new ElasticsearchAsyncClient(client._transport(), client._transportOptions());
    }

    /**
     * The pages of these products that customers may see (on sale or discontinued, never a draft), read in one
     * request; a product the index does not have, or not yet, is missing from the map.
     */
    Mono<Map<String, ProductView>> pages(List<String> skus) {
        return call(() -> client.mget(request -> request.index(INDEX).ids(skus), StoredProduct.class))
                .map(response -> {
                    var pages = new HashMap<String, ProductView>();
                    for (var item : response.docs()) {
                        if (item.isFailure()) {
                            var failure = item.failure();
                            if ("index_not_found_exception".equals(failure.error().type())) {
                                continue;
                            }
                            var cause = new IllegalStateException(failure.id() + ": " + failure.error().reason());
                            LOG.warn("The product index is unavailable: {}", String.valueOf(cause));
                            throw new ReadModelUnavailableException("The product index", cause);
                        }
                        var found = item.result();
                        var product = found.found() ? found.source() : null;
                        if (product != null && product.visible()) {
                            pages.put(found.id(), product.view());
                        }
                    }
                    return Map.copyOf(pages);
                });
    }

    Mono<ProductSearchResult> answer(SearchProducts query) {
        var categoryFilter = query.category() == null ? null
                : Query.of(q -> q.term(t -> t.field(CATEGORY).value(query.category())));
        var priceFilter = query.minPrice() == null && query.maxPrice() == null ? null
                : Query.of(q -> q.range(r -> r.longNumber(n -> n.field(PRICE).gte(query.minPrice())
                        .lte(query.maxPrice()))));
        var matching = Query.of(q -> q.bool(b -> {
            b.filter(ON_SALE);
            if (query.inStock() != null) {
                b.filter(f -> f.term(t -> t.field("inStock").value(query.inStock())));
            }
            if (query.text() != null) {
                b.must(m -> m.multiMatch(mm -> mm.query(query.text()).type(TextQueryType.BestFields)
                        .operator(Operator.And).lenient(true)
                        .fields(NAME + "^3", NAME_PREFIX, DESCRIPTION, CATEGORY, "attributes")));
            }
            return b;
        }));
        var facetFilters = Stream.of(categoryFilter, priceFilter).filter(Objects::nonNull).toList();
        return call(() -> client.search(request -> {
                    request.index(INDEX)
                            .query(matching)
                            .aggregations(CATEGORIES, facet(CATEGORY_COUNTS, priceFilter))
                            .aggregations(PRICES, facet(PRICE_COUNTS, categoryFilter))
                            .highlight(h -> h.fields(
                                    NamedValue.of(NAME, HighlightField.of(f -> f.numberOfFragments(0))),
                                    NamedValue.of(NAME_PREFIX, HighlightField.of(f -> f.numberOfFragments(0))),
                                    NamedValue.of(DESCRIPTION, HighlightField.of(f -> f))))
                            .sort(sort(query.sort()))
                            .from(query.page() * query.size())
                            .size(query.size())
                            .trackTotalHits(t -> t.enabled(true));
                    // Facets count before the facet filters, which narrow the hits only. Without any, a post filter
                    // matching everything would check every match once more: the benchmark's searches with words
                    // but no facet filter took 3.99 ms instead of 3.68 in Elasticsearch with one (issue 4's note
                    // of the fifty-second session).
                    if (!facetFilters.isEmpty()) {
                        request.postFilter(f -> f.bool(b -> b.filter(facetFilters)));
                    }
                    return request;
                },
                StoredProduct.class))
                .map(response -> result(query, response))
                .defaultIfEmpty(new ProductSearchResult(List.of(), 0, query.page(), query.size(),
                        new Facets(List.of(), List.of())));
    }

    Mono<ProductSuggestions> answer(SuggestProducts query) {
        return call(() -> client.search(request -> request.index(INDEX)
                        .query(q -> q.bool(b -> b.filter(ON_SALE).must(m -> m.match(
                                match -> match.field(NAME_PREFIX).query(query.prefix()).operator(Operator.And)))))
                        .sort(s -> s.score(o -> o.order(SortOrder.Desc)))
                        .sort(s -> s.field(f -> f.field(NAME + ".sort").order(SortOrder.Asc)))
                        .sort(s -> s.field(f -> f.field(SKU).order(SortOrder.Asc)))
                        .source(s -> s.filter(f -> f.includes(SKU, NAME)))
                        .size(query.size()),
                Suggestion.class))
                .map(response -> new ProductSuggestions(response.hits().hits().stream()
                        .map(hit -> Objects.requireNonNull(hit.source())).toList()))
                .defaultIfEmpty(new ProductSuggestions(List.of()));
    }

    private static List<SortOptions> sort(ProductSort sort) {
        var bySku = SortOptions.of(s -> s.field(f -> f.field(SKU).order(SortOrder.Asc)));
        var first = switch (sort) {
            case RELEVANCE -> SortOptions.of(s -> s.score(o -> o.order(SortOrder.Desc)));
            case PRICE_ASC -> SortOptions.of(s -> s.field(f -> f.field(PRICE).order(SortOrder.Asc)));
            case PRICE_DESC -> SortOptions.of(s -> s.field(f -> f.field(PRICE).order(SortOrder.Desc)));
            case NAME -> SortOptions.of(s -> s.field(f -> f.field(NAME + ".sort").order(SortOrder.Asc)));
        };
        return List.of(first, bySku);
    }

    /**
     * A facet's counts under the other facet's filter, or at the top level when that filter is absent: a filter
     * aggregation matching everything would check every match once more: the benchmark's searches without words
     * (nearly the whole catalog matches them) took 12.4 ms instead of 11.0 in Elasticsearch with one (issue 4's note
     * of the fifty-second session).
     */
    private static Aggregation facet(Aggregation counts, @Nullable Query otherFilter) {
        return otherFilter == null ? counts
                : Aggregation.of(a -> a.filter(otherFilter).aggregations(COUNTS, counts));
    }

    /** A facet's counts, whether it was counted at the top level or under a filter. */
    private static @Nullable Aggregate counts(@Nullable Aggregate facet) {
        return facet != null && facet.isFilter() ? facet.filter().aggregations().get(COUNTS) : facet;
    }

    private static ProductSearchResult result(SearchProducts query, SearchResponse<StoredProduct> response) {
        var products = response.hits().hits().stream()
                .map(hit -> Objects.requireNonNull(hit.source()).hit(highlights(hit.highlight())))
                .toList();
        var total = response.hits().total() == null ? 0 : Objects.requireNonNull(response.hits().total()).value();
        return new ProductSearchResult(products, total, query.page(), query.size(),
                new Facets(categories(counts(response.aggregations().get(CATEGORIES))),
                        priceRanges(counts(response.aggregations().get(PRICES)))));
    }

    /** A match on the word starts of the name is shown as a match on the name. */
    private static Map<String, List<String>> highlights(Map<String, List<String>> fields) {
        var shown = new HashMap<String, List<String>>();
        fields.forEach((field, fragments) -> shown.merge(field.equals(NAME_PREFIX) ? NAME : field, fragments,
                (mine, other) -> mine));
        return shown;
    }

    private static List<CategoryCount> categories(@Nullable Aggregate counts) {
        if (counts == null) {
            return List.of();
        }
        return counts.sterms().buckets().array().stream()
                .map(bucket -> new CategoryCount(bucket.key().stringValue(), bucket.docCount()))
                .toList();
    }

    private static List<PriceRangeCount> priceRanges(@Nullable Aggregate counts) {
        if (counts == null) {
            return List.of();
        }
        return counts.range().buckets().array().stream()
                .map(bucket -> new PriceRangeCount(minorUnits(bucket.from()), minorUnits(bucket.to()),
                        bucket.docCount()))
                .toList();
    }

    private static @Nullable Long minorUnits(@Nullable Double bound) {
        return bound == null ? null : bound.longValue();
    }

    /**
     * One asynchronous request as a Mono: empty while the index does not exist yet (no product was ever
     * defined), a {@link ReadModelUnavailableException} when Elasticsearch cannot answer.
     */
    private static <T> Mono<T> call(Supplier<CompletableFuture<T>> request) {
        return Mono.fromFuture(request, true)
                .onErrorMap(CompletionException.class, e -> Objects.requireNonNullElse(e.getCause(), e))
                .onErrorResume(ElasticsearchException.class, e -> "index_not_found_exception".equals(
                        e.error().type()) ? Mono.empty() : Mono.error(e))
                // A shard that is not started yet answers 503 like a server that is down.
                .onErrorMap(ProductIndexReader::unavailable, e -> {
                    LOG.warn("The product index is unavailable: {}", String.valueOf(e));
                    return new ReadModelUnavailableException("The product index", e);
                });
    }

    /** Down, unreachable, or a shard not started yet; a response it cannot read is a bug, not an outage. */
    private static boolean unavailable(Throwable e) {
        return e instanceof IOException
                || e instanceof TransportException transport && transport.getCause() instanceof IOException
                || e instanceof ElasticsearchException refused && refused.status() >= 500;
    }
}
