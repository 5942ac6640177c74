package io.emporium.command.payment;

import java.util.Objects;

/**
 * A card as the PSP knows it: a token that only the PSP can turn back into a card, plus what may be shown to the
 * customer. Safe to store in events and to log.
 *
 * @param token such as {@code tok_…}
 * @param brand such as visa or mastercard
 */
public record CardToken(String token, String brand, String last4) {

    public CardToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(last4, "last4");
    }
}
