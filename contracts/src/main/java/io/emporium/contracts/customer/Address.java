package io.emporium.contracts.customer;

import org.jspecify.annotations.Nullable;

/** Where parcels go. Personal data: never stored or sent in the clear, see {@link SealedData}. */
public record Address(String recipient, String line1, @Nullable String line2, String postalCode, String city,
                      String country) {}
