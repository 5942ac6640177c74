package io.emporium.contracts.customer;

import org.jspecify.annotations.Nullable;

/** What has happened to a customer profile. */
public sealed interface CustomerEvent {

    String customerId();

    /**
     * @param profile         a sealed {@link CustomerProfile}
     * @param shippingAddress a sealed {@link Address}, if the customer gave one
     */
    record CustomerRegistered(String customerId, SealedData profile, @Nullable SealedData shippingAddress)
            implements CustomerEvent {}

    /** @param address a sealed {@link Address} */
    record ShippingAddressChanged(String customerId, SealedData address) implements CustomerEvent {}
}
