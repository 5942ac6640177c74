package io.emporium.command.customer;

import static io.emporium.command.decision.RejectionMatcher.rejectedFor;

import io.emporium.contracts.customer.CustomerCommand.ChangeShippingAddress;
import io.emporium.contracts.customer.CustomerCommand.RegisterCustomer;
import io.emporium.contracts.customer.CustomerEvent.CustomerRegistered;
import io.emporium.contracts.customer.CustomerEvent.ShippingAddressChanged;
import io.emporium.contracts.customer.SealedData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final String CUSTOMER = "customer-1";
    private static final SealedData PROFILE = new SealedData(CUSTOMER, "fp-profile", "c1");
    private static final SealedData HOME = new SealedData(CUSTOMER, "fp-home", "c2");
    private static final SealedData HOME_SEALED_AGAIN = new SealedData(CUSTOMER, "fp-home", "c3");
    private static final SealedData OFFICE = new SealedData(CUSTOMER, "fp-office", "c4");

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerCommandTargetResolver(new Customer.Routing().customerTargetResolver());
    }

    @Test
    void registersACustomerWithTheirSealedProfile() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(CUSTOMER, PROFILE, HOME))
                .expectEvents(new CustomerRegistered(CUSTOMER, PROFILE, HOME));
    }

    @Test
    void registeringTheSameProfileAgainChangesNothing() {
        fixture.given(new CustomerRegistered(CUSTOMER, PROFILE, null))
                .when(new RegisterCustomer(CUSTOMER, new SealedData(CUSTOMER, "fp-profile", "c9"), null))
                .expectNoEvents();
    }

    @Test
    void refusesAnotherProfileUnderATakenId() {
        fixture.given(new CustomerRegistered(CUSTOMER, PROFILE, null))
                .when(new RegisterCustomer(CUSTOMER, new SealedData(CUSTOMER, "fp-other", "c9"), null))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(rejectedFor(CustomerDecisions.ALREADY_REGISTERED));
    }

    @Test
    void changesTheShippingAddress() {
        fixture.given(new CustomerRegistered(CUSTOMER, PROFILE, HOME))
                .when(new ChangeShippingAddress(CUSTOMER, OFFICE))
                .expectEvents(new ShippingAddressChanged(CUSTOMER, OFFICE));
    }

    @Test
    void theSameAddressSealedAgainIsNoChange() {
        fixture.given(new CustomerRegistered(CUSTOMER, PROFILE, HOME))
                .when(new ChangeShippingAddress(CUSTOMER, HOME_SEALED_AGAIN))
                .expectNoEvents();
    }
}
