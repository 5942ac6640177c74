package io.emporium.command.catalog;

import static io.emporium.command.decision.RejectionMatcher.rejectedFor;

import io.emporium.contracts.catalog.CatalogCommand.ActivateProduct;
import io.emporium.contracts.catalog.CatalogCommand.ChangePrice;
import io.emporium.contracts.catalog.CatalogCommand.DefineProduct;
import io.emporium.contracts.catalog.CatalogCommand.DiscontinueProduct;
import io.emporium.contracts.catalog.CatalogCommand.UpdateProductDetails;
import io.emporium.contracts.catalog.CatalogEvent.PriceChanged;
import io.emporium.contracts.catalog.CatalogEvent.ProductActivated;
import io.emporium.contracts.catalog.CatalogEvent.ProductDefined;
import io.emporium.contracts.catalog.CatalogEvent.ProductDetailsUpdated;
import io.emporium.contracts.catalog.CatalogEvent.ProductDiscontinued;
import io.emporium.contracts.catalog.ProductDetails;
import io.emporium.contracts.money.Money;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static final String SKU = "SKU-MUG";
    private static final ProductDetails MUG = new ProductDetails("Crème mug", "Stoneware, 300 ml", "kitchen",
            Map.of("colour", "cream"));
    private static final Money PRICE = Money.of(1_250, "EUR");

    private AggregateTestFixture<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerCommandTargetResolver(new CatalogRouting().catalogTargetResolver());
    }

    @Test
    void definesANewProductAsADraft() {
        fixture.givenNoPriorActivity()
                .when(new DefineProduct(SKU, MUG, PRICE))
                .expectEvents(new ProductDefined(SKU, MUG, PRICE));
    }

    @Test
    void definingTheSameProductAgainChangesNothing() {
        fixture.given(new ProductDefined(SKU, MUG, PRICE))
                .when(new DefineProduct(SKU, MUG, PRICE))
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }

    @Test
    void refusesAnotherProductUnderATakenSku() {
        fixture.given(new ProductDefined(SKU, MUG, PRICE))
                .when(new DefineProduct(SKU, MUG, Money.of(999, "EUR")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(ProductDecisions.ALREADY_DEFINED));
    }

    @Test
    void activatesADraftOnce() {
        fixture.given(new ProductDefined(SKU, MUG, PRICE))
                .when(new ActivateProduct(SKU))
                .expectEvents(new ProductActivated(SKU));
        fixture.given(new ProductDefined(SKU, MUG, PRICE), new ProductActivated(SKU))
                .when(new ActivateProduct(SKU))
                .expectNoEvents();
    }

    @Test
    void changesThePriceAndRemembersTheOldOne() {
        fixture.given(new ProductDefined(SKU, MUG, PRICE), new ProductActivated(SKU))
                .when(new ChangePrice(SKU, Money.of(1_100, "EUR")))
                .expectEvents(new PriceChanged(SKU, PRICE, Money.of(1_100, "EUR")));
    }

    @Test
    void settingTheSamePriceChangesNothing() {
        fixture.given(new ProductDefined(SKU, MUG, PRICE))
                .when(new ChangePrice(SKU, PRICE))
                .expectNoEvents();
    }

    @Test
    void updatesOnlyThePartsOfWhatCustomersReadThatAreGiven() {
        var renamed = new ProductDetails("Cream mug", "Stoneware, 300 ml", "kitchen", Map.of("colour", "cream"));
        fixture.given(new ProductDefined(SKU, MUG, PRICE))
                .when(new UpdateProductDetails(SKU, "Cream mug", null, null, null))
                .expectEvents(new ProductDetailsUpdated(SKU, renamed));
    }

    @Test
    void anUpdateThatRepeatsTheCurrentDetailsChangesNothing() {
        fixture.given(new ProductDefined(SKU, MUG, PRICE))
                .when(new UpdateProductDetails(SKU, MUG.name(), MUG.description(), null, MUG.attributes()))
                .expectNoEvents();
    }

    @Test
    void refusesPriceChangesForADiscontinuedProduct() {
        fixture.given(new ProductDefined(SKU, MUG, PRICE), new ProductDiscontinued(SKU))
                .when(new ChangePrice(SKU, Money.of(1, "EUR")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(ProductDecisions.DISCONTINUED));
    }

    @Test
    void refusesToPutADiscontinuedProductBackOnSale() {
        fixture.given(new ProductDefined(SKU, MUG, PRICE), new ProductDiscontinued(SKU))
                .when(new ActivateProduct(SKU))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(ProductDecisions.DISCONTINUED));
    }

    @Test
    void discontinuesOnce() {
        fixture.given(new ProductDefined(SKU, MUG, PRICE), new ProductActivated(SKU))
                .when(new DiscontinueProduct(SKU))
                .expectEvents(new ProductDiscontinued(SKU));
        fixture.given(new ProductDefined(SKU, MUG, PRICE), new ProductDiscontinued(SKU))
                .when(new DiscontinueProduct(SKU))
                .expectNoEvents();
    }
}
