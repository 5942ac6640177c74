package io.emporium.command.payment;

import java.util.Objects;

/**
 * A card as a customer types it. It exists only on the way to {@link PaymentGateway#tokenize}: it never reaches a
 * command, an event, a log line or an exception message, and its {@code toString()} shows the last four digits only.
 *
 * @param number the card number (PAN), digits and spaces as typed
 * @param cvc    the security code on the back
 */
public record CardDetails(String number, int expMonth, int expYear, String cvc) {

    public CardDetails {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(cvc, "cvc");
    }

    /** The last four digits, which receipts and support may show. */
    public String last4() {
        var digits = number.replaceAll("[^0-9]", "");
        return digits.length() < 4 ? "" : digits.substring(digits.length() - 4);
    }

    @Override
    public String toString() {
        return "CardDetails[number=…" + last4() + ", expMonth=" + expMonth + ", expYear=" + expYear + ", cvc=***]";
    }
}
