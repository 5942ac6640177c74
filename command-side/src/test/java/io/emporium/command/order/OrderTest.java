package io.emporium.command.order;

import io.emporium.contracts.money.Money;
import io.emporium.contracts.order.OrderCommand.PlaceOrder;
import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import io.emporium.contracts.order.OrderLine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final String ORDER = "order-1";
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("SKU-MUG", 2, Money.of(1_250, "EUR")),
            new OrderLine("SKU-TEA", 1, Money.of(899, "EUR")));

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerCommandTargetResolver(new OrderRouting().orderTargetResolver());
    }

    @Test
    void placesAnOrderWhoseTotalIsTheSumOfItsLines() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, "customer-7", LINES))
                .expectEvents(new OrderPlaced(ORDER, "customer-7", LINES, Money.of(3_399, "EUR"), NOW))
                .expectResultMessagePayload(ORDER);
    }

    @Test
    void placingAnAlreadyPlacedOrderAgainDecidesNothing() {
        fixture.given(new OrderPlaced(ORDER, "customer-7", LINES, Money.of(3_399, "EUR"), NOW))
                .when(new PlaceOrder(ORDER, "customer-7", LINES))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }
}
