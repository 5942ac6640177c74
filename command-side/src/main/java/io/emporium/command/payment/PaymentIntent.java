package io.emporium.command.payment;

import io.emporium.contracts.money.Money;
import java.util.Objects;

/**
 * A wish to be paid an amount for one business reference, such as an order, with one card.
 *
 * <p>Its {@link #idempotencyKey()} is derived from the reference and the card token only, so every retry of the
 * same intent reaches the PSP as the same request and is charged at most once, while paying with another card after
 * a decline is a new intent.
 *
 * @param reference what the payment is for, such as {@code order-42}; shown in the PSP's ledger
 */
public record PaymentIntent(String reference, Money amount, CardToken card) {

    public PaymentIntent {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(card, "card");
        if (reference.isBlank() || reference.length() > 120) {
            throw new IllegalArgumentException("a payment reference has 1 to 120 characters");
        }
        if (amount.minorUnits() <= 0) {
            throw new IllegalArgumentException("an authorization is for a positive amount, not " + amount);
        }
    }

    /** The same for every retry of this intent: the step, the reference and the card. */
    public String idempotencyKey() {
        return "authorize:" + reference + ":" + card.token();
    }
}
