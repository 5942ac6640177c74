package io.emporium.command.catalog;

import io.emporium.command.catalog.ProductState.Discontinued;
import io.emporium.command.catalog.ProductState.Draft;
import io.emporium.command.catalog.ProductState.NotDefined;
import io.emporium.command.decision.Decision;
import io.emporium.contracts.catalog.CatalogCommand;
import io.emporium.contracts.catalog.CatalogCommand.ActivateProduct;
import io.emporium.contracts.catalog.CatalogCommand.ChangePrice;
import io.emporium.contracts.catalog.CatalogCommand.DefineProduct;
import io.emporium.contracts.catalog.CatalogCommand.DiscontinueProduct;
import io.emporium.contracts.catalog.CatalogCommand.UpdateProductDetails;
import io.emporium.contracts.catalog.CatalogEvent;
import io.emporium.contracts.catalog.CatalogEvent.PriceChanged;
import io.emporium.contracts.catalog.CatalogEvent.ProductActivated;
import io.emporium.contracts.catalog.CatalogEvent.ProductDefined;
import io.emporium.contracts.catalog.CatalogEvent.ProductDetailsUpdated;
import io.emporium.contracts.catalog.CatalogEvent.ProductDiscontinued;

/** What the catalog decides, as a pure function of a command and the product's state. */
final class ProductDecisions {

    static final String ALREADY_DEFINED = "PRODUCT_ALREADY_DEFINED";
    static final String DISCONTINUED = "PRODUCT_DISCONTINUED";

    private ProductDecisions() {}

    static Decision<CatalogEvent> decide(CatalogCommand command, ProductState state) {
        return switch (command) {
            case DefineProduct define -> define(define, state);
            case ActivateProduct activate -> switch (state) {
                case Draft ignored -> Decision.accept(new ProductActivated(activate.sku()));
                case Discontinued ignored -> discontinued(activate.sku());
                default -> Decision.nothing();
            };
            case ChangePrice change -> {
                if (state instanceof Discontinued) {
                    yield discontinued(change.sku());
                }
                var current = state.listing().price();
                yield current.equals(change.price()) ? Decision.nothing()
                        : Decision.accept(new PriceChanged(change.sku(), current, change.price()));
            }
            case UpdateProductDetails update -> {
                if (state instanceof Discontinued) {
                    yield discontinued(update.sku());
                }
                var current = state.listing().details();
                var updated = update.applyTo(current);
                yield current.equals(updated) ? Decision.nothing()
                        : Decision.accept(new ProductDetailsUpdated(update.sku(), updated));
            }
            case DiscontinueProduct discontinue -> state instanceof Discontinued ? Decision.nothing()
                    : Decision.accept(new ProductDiscontinued(discontinue.sku()));
        };
    }

    /** Defining the same product again changes nothing; defining another one under a taken SKU is refused. */
    private static Decision<CatalogEvent> define(DefineProduct define, ProductState state) {
        if (state instanceof NotDefined) {
            return Decision.accept(new ProductDefined(define.sku(), define.details(), define.price()));
        }
        var listing = state.listing();
        return listing.details().equals(define.details()) && listing.price().equals(define.price())
                ? Decision.nothing()
                : Decision.reject(ALREADY_DEFINED, "SKU " + define.sku() + " is already defined as another product.");
    }

    private static Decision<CatalogEvent> discontinued(String sku) {
        return Decision.reject(DISCONTINUED, "Product " + sku + " is discontinued.");
    }
}
