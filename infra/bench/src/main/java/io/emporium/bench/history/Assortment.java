package io.emporium.bench.history;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The products of a synthetic shop: product {@code n} is always the same, so the catalog can be written by one part
 * of the suite and searched by another. Names are varied words of several languages, accented ones among them, as a
 * European storefront's are; prices spread from a few euros to a few hundred, most of them cheap; about one product
 * in {@link #UNSTOCKED_EVERY} has never had stock.
 */
public final class Assortment {

    /** Every this-many-th product has no stock: it is on sale but out of stock. */
    public static final int UNSTOCKED_EVERY = 10;
    public static final String CURRENCY = "EUR";

    /** Lower-case keywords of a facet; one is a French word with an accent, as a shop's own taxonomy may have. */
    public static final List<String> CATEGORIES = List.of("kitchen", "garden", "toys", "books", "lighting", "bath",
            "office", "outdoor", "textiles", "épicerie", "audio", "sport");

    /** Words a product's name starts with; accented ones are found by their plain spelling too. */
    public static final List<String> ADJECTIVES = List.of("Crème", "Café", "Élégant", "Naïve", "Smörgås", "Piñata",
            "Façade", "Über", "Rustic", "Nordic", "Vintage", "Compact", "Classic", "Bold", "Soft", "Brûlée", "Zürich",
            "Sépia", "Mañana", "Coastal", "Urban", "Golden", "Ember", "Polar");

    public static final List<String> MATERIALS = List.of("oak", "linen", "enamel", "ceramic", "copper", "wool",
            "bamboo", "glass", "steel", "cotton", "walnut", "porcelaine", "cuir", "marble");

    public static final List<String> NOUNS = List.of("mug", "lamp", "chair", "kettle", "blanket", "notebook",
            "speaker", "planter", "towel", "bowl", "backpack", "clock", "vase", "teapot", "cushion", "puzzle",
            "journal", "racket", "candle", "tray", "théière", "carafe", "jacket", "basket");

    private static final List<String> COLOURS = List.of("white", "black", "sage", "ochre", "navy", "terracotta",
            "ivory", "graphite");
    private static final List<String> SIZES = List.of("S", "M", "L", "XL", "one size");
    private static final List<String> PHRASES = List.of("Made to last", "Hand-finished", "Designed in Lyon",
            "Ships in recycled packaging", "A customer favourite", "Limited édition", "Easy to clean");

    private final long seed;

    /** @param seed which shop: the same seed always gives the same products */
    public Assortment(long seed) {
        this.seed = seed;
    }

    /** What a customer reads about one product, and how many units the warehouse received. */
    public record Product(String sku, String name, String description, String category, String colour, String size,
                          long priceMinor, int stock) {

        public boolean stocked() {
            return stock > 0;
        }
    }

    /** The SKU of product {@code n}: fixed width, so SKUs sort as the products are numbered. */
    public static String sku(long n) {
        return String.format(Locale.ROOT, "SF-%06d", n);
    }

    public Product product(long n) {
        var random = new SplittableRandom(seed * 1_000_003 + n);
        var adjective = pick(random, ADJECTIVES);
        var material = pick(random, MATERIALS);
        var noun = pick(random, NOUNS);
        var name = adjective + " " + material + " " + noun;
        var description = name + ". " + pick(random, PHRASES) + ", " + pick(random, PHRASES).toLowerCase(Locale.ROOT)
                + ".";
        // Log-uniform from 2 € to 500 €: many cheap products, few expensive ones, as in most shops.
        var priceMinor = Math.round(Math.exp(Math.log(200) + random.nextDouble() * Math.log(250.0)));
        var stock = n % UNSTOCKED_EVERY == UNSTOCKED_EVERY - 1 ? 0 : 1_000 + random.nextInt(100_000);
        return new Product(sku(n), name, description, pick(random, CATEGORIES), pick(random, COLOURS),
                pick(random, SIZES), priceMinor, stock);
    }

    /** The lowest and highest price any product can have, in minor units. */
    public static long lowestPrice() {
        return 200;
    }

    public static long highestPrice() {
        return 50_000;
    }

    /** The word as a customer types it without accents: "crème" → "creme". */
    public static String plain(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }

    private static String pick(SplittableRandom random, List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
