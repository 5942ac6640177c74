package io.emporium.query.catalog;

import static io.emporium.query.QueryParameters.integer;

import io.emporium.contracts.catalog.CatalogQuery.FindProduct;
import io.emporium.contracts.catalog.CatalogQuery.ProductSort;
import io.emporium.contracts.catalog.CatalogQuery.SearchProducts;
import io.emporium.contracts.catalog.CatalogQuery.SuggestProducts;
import io.emporium.query.InvalidQueryParameterException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The catalog's query parameters as the storefront sends them, checked and turned into queries. */
final class CatalogParameters {

    /** As the command side accepts SKUs: letters, digits and a few separators. */
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_TEXT = 200;
    private static final int MAX_PAGE_SIZE = 100;
    private static final int DEFAULT_PAGE_SIZE = 20;
    /** Elasticsearch's index.max_result_window: deeper pages are refused, so they are refused here first. */
    private static final int DEEPEST_RESULT = 10_000;
    private static final int MAX_SUGGESTIONS = 20;
    private static final int DEFAULT_SUGGESTIONS = 8;

    private CatalogParameters() {}

    static SearchProducts search(@Nullable String q, @Nullable String category, @Nullable String minPrice,
                                 @Nullable String maxPrice, @Nullable String inStock, @Nullable String sort,
                                 @Nullable String page, @Nullable String size) {
        var min = price("minPrice", minPrice);
        var max = price("maxPrice", maxPrice);
        if (min != null && max != null && max < min) {
            throw new InvalidQueryParameterException("maxPrice", "must not be below minPrice");
        }
        var pageNumber = integer("page", page, 0, 0, DEEPEST_RESULT);
        var pageSize = integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        if ((long) (pageNumber + 1) * pageSize > DEEPEST_RESULT) {
            throw new InvalidQueryParameterException("page",
                    "page and size reach beyond result " + DEEPEST_RESULT + "; narrow the search instead");
        }
        return new SearchProducts(text("q", q, MAX_TEXT), text("category", category, MAX_TEXT), min, max,
                flag("inStock", inStock), order(sort), pageNumber, pageSize);
    }

    static SuggestProducts suggest(@Nullable String prefix, @Nullable String size) {
        var text = text("prefix", prefix, MAX_TEXT);
        if (text == null) {
            throw new InvalidQueryParameterException("prefix", "is required");
        }
        return new SuggestProducts(text, integer("size", size, DEFAULT_SUGGESTIONS, 1, MAX_SUGGESTIONS));
    }

    static FindProduct find(String sku) {
        if (!isSku(sku)) {
            throw new InvalidQueryParameterException("sku", "must be letters, digits, '.', '_' or '-', at most 64");
        }
        return new FindProduct(sku);
    }

    static boolean isSku(String text) {
        return SKU.matcher(text).matches();
    }

    private static @Nullable String text(String name, @Nullable String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var text = value.strip();
        if (text.length() > maxLength) {
            throw new InvalidQueryParameterException(name, "must be at most " + maxLength + " characters");
        }
        return text;
    }

    private static @Nullable Long price(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            var minorUnits = Long.parseLong(value.strip());
            if (minorUnits < 0) {
                throw new InvalidQueryParameterException(name, "must not be negative");
            }
            return minorUnits;
        } catch (NumberFormatException e) {
            throw new InvalidQueryParameterException(name, "must be a whole amount in minor units, such as 1250");
        }
    }

    private static @Nullable Boolean flag(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidQueryParameterException(name, "must be true or false");
        };
    }

    private static ProductSort order(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return ProductSort.RELEVANCE;
        }
        try {
            return ProductSort.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryParameterException("sort", "must be one of relevance, price_asc, price_desc, name");
        }
    }
}
