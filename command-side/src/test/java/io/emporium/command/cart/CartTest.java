package io.emporium.command.cart;

import static io.emporium.command.decision.RejectionMatcher.rejectedFor;

import io.emporium.command.catalog.CurrentPrices;
import io.emporium.contracts.cart.CartCommand.AddItemToCart;
import io.emporium.contracts.cart.CartCommand.ChangeQuantity;
import io.emporium.contracts.cart.CartCommand.CheckOutCart;
import io.emporium.contracts.cart.CartCommand.CreateCart;
import io.emporium.contracts.cart.CartCommand.RemoveItemFromCart;
import io.emporium.contracts.cart.CartEvent.CartCheckedOut;
import io.emporium.contracts.cart.CartEvent.CartCreated;
import io.emporium.contracts.cart.CartEvent.ItemAddedToCart;
import io.emporium.contracts.cart.CartEvent.ItemQuantityChanged;
import io.emporium.contracts.cart.CartEvent.ItemRemovedFromCart;
import io.emporium.contracts.cart.CartLine;
import io.emporium.contracts.money.Money;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CartTest {

    private static final String CART = "cart-1";
    private static final String CUSTOMER = "customer-7";
    private static final Money MUG_PRICE = Money.of(1_250, "EUR");

    /** The catalog as the cart sees it: SKU → price of what is on sale. */
    private final Map<String, Money> onSale = new HashMap<>(Map.of("SKU-MUG", MUG_PRICE));
    private AggregateTestFixture<Cart> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cart.class);
        fixture.registerCommandTargetResolver(new CartRouting().cartTargetResolver());
        fixture.registerInjectableResource(new CurrentPrices() {
            @Override
            public Optional<Money> of(String sku) {
                return Optional.ofNullable(onSale.get(sku));
            }

            @Override
            public Map<String, Money> of(Collection<String> skus) {
                var prices = new HashMap<String, Money>();
                skus.stream().filter(onSale::containsKey).forEach(sku -> prices.put(sku, onSale.get(sku)));
                return prices;
            }
        });
    }

    @Test
    void createsACartForACustomer() {
        fixture.givenNoPriorActivity()
                .when(new CreateCart(CART, CUSTOMER))
                .expectEvents(new CartCreated(CART, CUSTOMER));
    }

    @Test
    void capturesTheCatalogsPriceWhenAnItemIsAdded() {
        fixture.given(new CartCreated(CART, CUSTOMER))
                .when(new AddItemToCart(CART, "SKU-MUG", 2))
                .expectEvents(new ItemAddedToCart(CART, "SKU-MUG", 2, MUG_PRICE));
    }

    @Test
    void rejectsItemsThatAreNotOnSale() {
        fixture.given(new CartCreated(CART, CUSTOMER))
                .when(new AddItemToCart(CART, "SKU-GONE", 1))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(CartDecisions.NOT_AVAILABLE));
    }

    @Test
    void rejectsItemsForACheckedOutCart() {
        fixture.given(new CartCreated(CART, CUSTOMER), new ItemAddedToCart(CART, "SKU-MUG", 1, MUG_PRICE),
                        new CartCheckedOut(CART, CUSTOMER, "order-1", List.of(new CartLine("SKU-MUG", 1, MUG_PRICE))))
                .when(new AddItemToCart(CART, "SKU-MUG", 1))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(CartDecisions.CHECKED_OUT));
    }

    @Test
    void changesTheQuantityAndRemovesALineSetToZero() {
        fixture.given(new CartCreated(CART, CUSTOMER), new ItemAddedToCart(CART, "SKU-MUG", 1, MUG_PRICE))
                .when(new ChangeQuantity(CART, "SKU-MUG", 3))
                .expectEvents(new ItemQuantityChanged(CART, "SKU-MUG", 3));
        fixture.given(new CartCreated(CART, CUSTOMER), new ItemAddedToCart(CART, "SKU-MUG", 1, MUG_PRICE))
                .when(new ChangeQuantity(CART, "SKU-MUG", 0))
                .expectEvents(new ItemRemovedFromCart(CART, "SKU-MUG"));
    }

    @Test
    void removingAnItemThatIsNotInTheCartChangesNothing() {
        fixture.given(new CartCreated(CART, CUSTOMER))
                .when(new RemoveItemFromCart(CART, "SKU-MUG"))
                .expectNoEvents();
    }

    @Test
    void checksOutIntoAnOrderAtThePricesTheCustomerSaw() {
        fixture.given(new CartCreated(CART, CUSTOMER), new ItemAddedToCart(CART, "SKU-MUG", 2, MUG_PRICE))
                .when(new CheckOutCart(CART, "order-1"))
                .expectEvents(new CartCheckedOut(CART, CUSTOMER, "order-1",
                        List.of(new CartLine("SKU-MUG", 2, MUG_PRICE))));
    }

    @Test
    void sendsTheCustomerBackToTheCartWhenAPriceChangedSinceItWasAdded() {
        onSale.put("SKU-MUG", Money.of(1_400, "EUR"));
        fixture.given(new CartCreated(CART, CUSTOMER), new ItemAddedToCart(CART, "SKU-MUG", 2, MUG_PRICE))
                .when(new CheckOutCart(CART, "order-1"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(CartDecisions.PRICES_CHANGED));
    }

    @Test
    void refusesToCheckOutAnEmptyCart() {
        fixture.given(new CartCreated(CART, CUSTOMER))
                .when(new CheckOutCart(CART, "order-1"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(CartDecisions.EMPTY));
    }

    @Test
    void checkingOutAgainIntoTheSameOrderChangesNothing() {
        fixture.given(new CartCreated(CART, CUSTOMER), new ItemAddedToCart(CART, "SKU-MUG", 1, MUG_PRICE),
                        new CartCheckedOut(CART, CUSTOMER, "order-1", List.of(new CartLine("SKU-MUG", 1, MUG_PRICE))))
                .when(new CheckOutCart(CART, "order-1"))
                .expectNoEvents();
    }
}
