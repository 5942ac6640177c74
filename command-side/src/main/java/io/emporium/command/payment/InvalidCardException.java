package io.emporium.command.payment;

/**
 * The PSP refused to tokenize a card: a client error that the customer can correct. The message names the field
 * and the PSP's code, never the card's digits.
 */
public class InvalidCardException extends RuntimeException {

    private final String reason;
    private final String field;

    /**
     * @param reason the PSP's code, such as {@code invalid_number}, {@code expired_card} or {@code invalid_cvc}
     * @param field  the offending field of {@link CardDetails}, such as {@code number}
     */
    public InvalidCardException(String reason, String field) {
        super("the card was refused: " + reason + " (" + field + ")");
        this.reason = reason;
        this.field = field;
    }

    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
