package io.emporium.contracts.catalog;

import java.util.List;

/** Products on sale whose name starts a word like the customer's prefix, best matches first. */
public record ProductSuggestions(List<Suggestion> suggestions) {

    public ProductSuggestions {
        suggestions = List.copyOf(suggestions);
    }

    public record Suggestion(String sku, String name) {}
}
