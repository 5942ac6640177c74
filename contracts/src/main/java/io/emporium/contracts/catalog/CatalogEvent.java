package io.emporium.contracts.catalog;

import io.emporium.contracts.money.Money;

/** What has happened to a product in the catalog. */
public sealed interface CatalogEvent {

    String sku();

    record ProductDefined(String sku, ProductDetails details, Money price) implements CatalogEvent {}

    record ProductActivated(String sku) implements CatalogEvent {}

    record PriceChanged(String sku, Money oldPrice, Money newPrice) implements CatalogEvent {}

    record ProductDetailsUpdated(String sku, ProductDetails details) implements CatalogEvent {}

    record ProductDiscontinued(String sku) implements CatalogEvent {}
}
