package io.emporium.contracts.catalog;

import io.emporium.contracts.money.Money;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What can be asked of a product in the catalog; every command names the product by its SKU. */
public sealed interface CatalogCommand {

    String sku();

    /** Defines a new product, as a draft that customers cannot see or buy yet. */
    record DefineProduct(String sku, ProductDetails details, Money price) implements CatalogCommand {}

    /** Puts a draft product on sale. */
    record ActivateProduct(String sku) implements CatalogCommand {}

    /** Sets the price of future sales; carts re-validate it at checkout. */
    record ChangePrice(String sku, Money price) implements CatalogCommand {}

    /** Changes what customers read about a product: each given part replaces the current one, absent parts stay. */
    record UpdateProductDetails(String sku, @Nullable String name, @Nullable String description,
                                @Nullable String category, @Nullable Map<String, String> attributes)
            implements CatalogCommand {

        public ProductDetails applyTo(ProductDetails current) {
            return new ProductDetails(name != null ? name : current.name(),
                    description != null ? description : current.description(),
                    category != null ? category : current.category(),
                    attributes != null ? attributes : current.attributes());
        }
    }

    /** Takes a product off sale for good; orders already placed are not affected. */
    record DiscontinueProduct(String sku) implements CatalogCommand {}
}
