package io.emporium.contracts.customer;

/** Who a customer is. Personal data: never stored or sent in the clear, see {@link SealedData}. */
public record CustomerProfile(String email, String fullName) {}
