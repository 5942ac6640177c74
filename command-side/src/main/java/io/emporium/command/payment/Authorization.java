package io.emporium.command.payment;

import io.emporium.contracts.money.Money;

/** The PSP's answer to an authorization: the money is reserved, or the card was declined. Never "unknown". */
public sealed interface Authorization {

    /** The amount is reserved on the card until captured or voided. */
    record Authorized(String paymentId, Money amount) implements Authorization {}

    /**
     * @param reason the PSP's decline code, such as {@code insufficient_funds} or {@code generic_decline}; or
     *               {@code invalid_token} for a token the PSP does not know
     */
    record Declined(String reason) implements Authorization {}
}
