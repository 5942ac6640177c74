package io.emporium.command.catalog;

import io.emporium.contracts.catalog.CatalogEvent;
import io.emporium.contracts.catalog.CatalogEvent.PriceChanged;
import io.emporium.contracts.catalog.CatalogEvent.ProductActivated;
import io.emporium.contracts.catalog.CatalogEvent.ProductDefined;
import io.emporium.contracts.catalog.CatalogEvent.ProductDetailsUpdated;
import io.emporium.contracts.catalog.CatalogEvent.ProductDiscontinued;
import io.emporium.contracts.catalog.ProductDetails;
import io.emporium.contracts.money.Money;

/** A product's lifecycle: defined as a draft, then on sale, finally discontinued for good. */
sealed interface ProductState {

    static ProductState initial() {
        return new NotDefined();
    }

    default ProductState evolve(CatalogEvent event) {
        return switch (event) {
            case ProductDefined defined -> new Draft(defined.details(), defined.price());
            case ProductActivated ignored -> new Active(listing().details(), listing().price());
            case PriceChanged changed -> withListing(new Listing(listing().details(), changed.newPrice()));
            case ProductDetailsUpdated updated -> withListing(new Listing(updated.details(), listing().price()));
            case ProductDiscontinued ignored -> new Discontinued(listing().details(), listing().price());
        };
    }

    /** What is shown and charged; every stage after definition has one. */
    record Listing(ProductDetails details, Money price) {}

    default Listing listing() {
        return switch (this) {
            case NotDefined ignored -> throw new IllegalStateException("an undefined product has no listing");
            case Draft draft -> new Listing(draft.details(), draft.price());
            case Active active -> new Listing(active.details(), active.price());
            case Discontinued discontinued -> new Listing(discontinued.details(), discontinued.price());
        };
    }

    private ProductState withListing(Listing listing) {
        return switch (this) {
            case NotDefined ignored -> throw new IllegalStateException("an undefined product has no listing");
            case Draft ignored -> new Draft(listing.details(), listing.price());
            case Active ignored -> new Active(listing.details(), listing.price());
            case Discontinued ignored -> new Discontinued(listing.details(), listing.price());
        };
    }

    record NotDefined() implements ProductState {}

    /** Defined, not yet visible to customers. */
    record Draft(ProductDetails details, Money price) implements ProductState {}

    /** On sale. */
    record Active(ProductDetails details, Money price) implements ProductState {}

    /** Off sale for good; kept so that past orders still name it. */
    record Discontinued(ProductDetails details, Money price) implements ProductState {}
}
