package io.emporium.command.payment;

/** What became of a capture, void or refund. */
public sealed interface PaymentChange {

    String paymentId();

    /** The PSP made the change, on this call or on an earlier try of the same step. */
    record Changed(String paymentId, PaymentStatus status) implements PaymentChange {}

    /**
     * The payment's state forbids the change, such as voiding a payment that was captured.
     *
     * @param status the state the payment is in
     */
    record Refused(String paymentId, PaymentStatus status) implements PaymentChange {}
}
