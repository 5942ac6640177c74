package io.emporium.bench.scenario;

import io.emporium.bench.history.Assortment;
import io.emporium.bench.load.Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * The storefront's reads of a generated catalog, as shoppers vary them: product pages, searches with filters and
 * autocomplete. Every choice comes from the caller's random source, so each user draws its own sequence.
 */
final class StorefrontRequests {

    static final String DETAIL = "GET /products/{sku}";
    static final String SEARCH = "GET /products/search";
    static final String SUGGEST = "GET /products/suggest";
    /** Products a pure product-page step reads: fewer than the cache holds (10,000), so every read is a hit. */
    static final int HOT_PRODUCTS = 1_000;

    private static final List<String> SORTS = List.of("relevance", "price_asc", "price_desc", "name");
    /** Price bands in minor units, as a storefront's price facet offers them. */
    private static final long[][] PRICE_BANDS = {{0, 1_000}, {1_000, 2_500}, {2_500, 10_000}, {10_000, 50_000}};

    private final int products;

    /** @param products the catalog's size: products 0 to {@code products - 1} of the assortment */
    StorefrontRequests(int products) {
        this.products = products;
    }

    int products() {
        return products;
    }

    /** A product page among the hot ones, each equally likely. */
    Request hotDetail(SplittableRandom random) {
        return detail(random.nextInt(Math.min(HOT_PRODUCTS, products)));
    }

    /**
     * A product page anywhere in the catalog, popular products far more often: the cube of a uniform draw sends
     * about 37 % of the reads to the first 5 % of the catalog, and still reaches its tail.
     */
    Request skewedDetail(SplittableRandom random) {
        var u = random.nextDouble();
        return detail((long) (u * u * u * products));
    }

    Request detail(long n) {
        return Request.get("/products/" + Assortment.sku(n));
    }

    /** A product that has stock, so an order for it is granted. */
    String stockedSku(SplittableRandom random) {
        var n = random.nextInt(products);
        if (n % Assortment.UNSTOCKED_EVERY == Assortment.UNSTOCKED_EVERY - 1) {
            n--;
        }
        return Assortment.sku(n);
    }

    /**
     * A search as shoppers combine them: words (often typed without accents) or a category or both, a price band,
     * in stock only, any sort, one of the first pages. Facets come with every answer.
     */
    Request search(SplittableRandom random) {
        var query = new StringJoiner("&", "/products/search?", "");
        var words = random.nextInt(10);
        if (words < 6) {
            var word = words < 2 ? pick(random, Assortment.NOUNS)
                    : words < 4 ? Assortment.plain(pick(random, Assortment.ADJECTIVES))
                    : pick(random, Assortment.ADJECTIVES) + " " + pick(random, Assortment.NOUNS);
            query.add("q=" + encode(word));
        }
        if (words >= 6 || random.nextInt(3) == 0) {
            query.add("category=" + encode(pick(random, Assortment.CATEGORIES)));
        }
        if (random.nextInt(5) < 2) {
            var band = PRICE_BANDS[random.nextInt(PRICE_BANDS.length)];
            query.add("minPrice=" + band[0]).add("maxPrice=" + band[1]);
        }
        if (random.nextBoolean()) {
            query.add("inStock=true");
        }
        query.add("sort=" + pick(random, SORTS));
        var page = random.nextInt(10);
        query.add("page=" + (page < 7 ? 0 : page < 9 ? 1 : 2)).add("size=20");
        return Request.get(query.toString());
    }

    /** What autocomplete sends as a shopper types the start of a word, with or without its accent. */
    Request suggest(SplittableRandom random) {
        var word = random.nextBoolean() ? pick(random, Assortment.ADJECTIVES) : pick(random, Assortment.NOUNS);
        var typed = random.nextBoolean() ? Assortment.plain(word) : word.toLowerCase(Locale.ROOT);
        var prefix = typed.substring(0, Math.min(typed.length(), 2 + random.nextInt(3)));
        return Request.get("/products/suggest?prefix=" + encode(prefix));
    }

    private static String pick(SplittableRandom random, List<String> words) {
        return words.get(random.nextInt(words.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
