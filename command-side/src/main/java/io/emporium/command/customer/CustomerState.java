package io.emporium.command.customer;

import io.emporium.contracts.customer.CustomerEvent;
import io.emporium.contracts.customer.CustomerEvent.CustomerRegistered;
import io.emporium.contracts.customer.CustomerEvent.ShippingAddressChanged;
import org.jspecify.annotations.Nullable;

/** What decisions know of a customer: only fingerprints of their sealed data, enough to tell a repeat. */
sealed interface CustomerState {

    static CustomerState initial() {
        return new NotRegistered();
    }

    default CustomerState evolve(CustomerEvent event) {
        return switch (event) {
            case CustomerRegistered registered -> new Registered(registered.profile().fingerprint(),
                    registered.shippingAddress() == null ? null : registered.shippingAddress().fingerprint());
            case ShippingAddressChanged changed -> new Registered(((Registered) this).profileFingerprint(),
                    changed.address().fingerprint());
        };
    }

    record NotRegistered() implements CustomerState {}

    record Registered(String profileFingerprint, @Nullable String addressFingerprint) implements CustomerState {}
}
