package io.emporium.contracts.catalog;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a customer reads about a product.
 *
 * @param attributes free-form facts such as colour or size, kept in a stable order
 */
public record ProductDetails(String name, String description, String category, Map<String, String> attributes) {

    public ProductDetails {
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }
}
