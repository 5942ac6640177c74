package io.emporium.psp;

import java.time.YearMonth;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks card details as a PSP does before issuing a token, and knows the test cards whose number decides the
 * outcome of an authorization, as Stripe's do: any other valid number is authorized.
 */
final class Cards {

    /** Test numbers and the decline code an authorization with them gets. */
    static final Map<String, String> DECLINING = Map.of(
            "4000000000000002", "generic_decline",
            "4000000000009995", "insufficient_funds",
            "4000000000009987", "lost_card",
            "4000000000009979", "stolen_card",
            "4000000000000069", "expired_card",
            "4000000000000127", "incorrect_cvc",
            "4000000000000119", "processing_error");

    private Cards() {
    }

    /**
     * What the PSP keeps of a valid card, or a {@link PspError} naming the first field that is wrong.
     *
     * @param now the month the card must not have expired before
     */
    static TokenizedCard check(String number, int expMonth, int expYear, String cvc, YearMonth now) {
        var digits = number.replace(" ", "");
        if (!digits.matches("[0-9]{12,19}") || !luhn(digits)) {
            throw PspError.card("invalid_number", "number", "the card number is not a valid card number");
        }
        if (expMonth < 1 || expMonth > 12) {
            throw PspError.card("invalid_expiry_month", "expMonth", "the expiration month is invalid");
        }
        if (expYear < now.getYear() - 50 || expYear > now.getYear() + 50) {
            throw PspError.card("invalid_expiry_year", "expYear", "the expiration year is invalid");
        }
        if (YearMonth.of(expYear, expMonth).isBefore(now)) {
            throw PspError.card("expired_card", "expYear", "the card has expired");
        }
        var brand = brand(digits);
        var cvcLength = brand.equals("amex") ? 4 : 3;
        if (!cvc.matches("[0-9]{" + cvcLength + "}")) {
            throw PspError.card("invalid_cvc", "cvc", "the security code is invalid");
        }
        return new TokenizedCard(brand, digits.substring(digits.length() - 4), expMonth, expYear,
                DECLINING.get(digits));
    }

    /** The Luhn checksum every card number carries in its last digit. */
    static boolean luhn(String digits) {
        var sum = 0;
        for (var i = 0; i < digits.length(); i++) {
            var digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    static String brand(String digits) {
        if (digits.startsWith("4")) {
            return "visa";
        }
        if (digits.startsWith("34") || digits.startsWith("37")) {
            return "amex";
        }
        var prefix2 = Integer.parseInt(digits.substring(0, 2));
        var prefix4 = Integer.parseInt(digits.substring(0, 4));
        if ((prefix2 >= 51 && prefix2 <= 55) || (prefix4 >= 2221 && prefix4 <= 2720)) {
            return "mastercard";
        }
        if (digits.startsWith("6011") || digits.startsWith("65")) {
            return "discover";
        }
        return "unknown";
    }

    /**
     * A card as the PSP keeps it behind a token: never the number or the CVC.
     *
     * @param declineCode how authorizations with this test card are declined; null where they are authorized
     */
    record TokenizedCard(String brand, String last4, int expMonth, int expYear, @Nullable String declineCode) {}
}
