package io.emporium.command.payment;

/**
 * The PSP gave no usable answer within the bounded retries, so the outcome of the call is not known yet. Retrying the
 * same intent later is safe: it carries the same idempotency key, and its outcome is looked up before anything is
 * sent again.
 */
public class PaymentUnavailableException extends RuntimeException {

    private final String idempotencyKey;

    public PaymentUnavailableException(String operation, String idempotencyKey, String lastProblem) {
        super("the PSP gave no answer to " + operation + " (" + idempotencyKey + "): " + lastProblem);
        this.idempotencyKey = idempotencyKey;
    }

    /** The key under which the outcome can be resolved later; empty for a tokenization, which moves no money. */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
