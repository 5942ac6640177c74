package io.emporium.command.customer;

import io.emporium.command.customer.CustomerState.NotRegistered;
import io.emporium.command.customer.CustomerState.Registered;
import io.emporium.command.decision.Decision;
import io.emporium.contracts.customer.CustomerCommand.ChangeShippingAddress;
import io.emporium.contracts.customer.CustomerCommand.RegisterCustomer;
import io.emporium.contracts.customer.CustomerEvent;
import io.emporium.contracts.customer.CustomerEvent.CustomerRegistered;
import io.emporium.contracts.customer.CustomerEvent.ShippingAddressChanged;
import java.util.Objects;

/** What a customer profile decides, comparing sealed data by fingerprint. */
final class CustomerDecisions {

    static final String ALREADY_REGISTERED = "CUSTOMER_ALREADY_REGISTERED";

    private CustomerDecisions() {}

    static Decision<CustomerEvent> decide(RegisterCustomer register, CustomerState state) {
        return switch (state) {
            case NotRegistered ignored -> Decision.accept(new CustomerRegistered(register.customerId(),
                    register.profile(), register.shippingAddress()));
            case Registered registered -> registered.profileFingerprint().equals(register.profile().fingerprint())
                    ? Decision.nothing()
                    : Decision.reject(ALREADY_REGISTERED, "Customer " + register.customerId() + " exists.");
        };
    }

    static Decision<CustomerEvent> decide(ChangeShippingAddress change, CustomerState state) {
        var registered = (Registered) state;
        return Objects.equals(registered.addressFingerprint(), change.address().fingerprint()) ? Decision.nothing()
                : Decision.accept(new ShippingAddressChanged(change.customerId(), change.address()));
    }
}
