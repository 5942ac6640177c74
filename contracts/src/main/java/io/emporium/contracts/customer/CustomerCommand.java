package io.emporium.contracts.customer;

import org.jspecify.annotations.Nullable;

/** What can be asked of a customer profile. Personal data arrives sealed: the edge seals it before any command. */
public sealed interface CustomerCommand {

    String customerId();

    /**
     * @param profile         a sealed {@link CustomerProfile}
     * @param shippingAddress a sealed {@link Address}, if the customer gave one
     */
    record RegisterCustomer(String customerId, SealedData profile, @Nullable SealedData shippingAddress)
            implements CustomerCommand {}

    /** @param address a sealed {@link Address} */
    record ChangeShippingAddress(String customerId, SealedData address) implements CustomerCommand {}
}
