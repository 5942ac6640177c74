package io.emporium.contracts.catalog;

import io.emporium.contracts.money.Money;

/** What can be asked of a product in the catalog; every command names the product by its SKU. */
public sealed interface CatalogCommand {

    String sku();

    /** Defines a new product, as a draft that customers cannot see or buy yet. */
    record DefineProduct(String sku, ProductDetails details, Money price) implements CatalogCommand {}

    /** Puts a draft product on sale. */
    record ActivateProduct(String sku) implements CatalogCommand {}

    /** Sets the price of future sales; carts re-validate it at checkout. */
    record ChangePrice(String sku, Money price) implements CatalogCommand {}

    /** Replaces what customers read about a product. */
    record UpdateProductDetails(String sku, ProductDetails details) implements CatalogCommand {}

    /** Takes a product off sale for good; orders already placed are not affected. */
    record DiscontinueProduct(String sku) implements CatalogCommand {}
}
