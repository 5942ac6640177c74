package io.emporium.command.payment;

import java.util.Locale;

/** Where a payment is in its life at the PSP: authorized, then captured and maybe refunded, or voided. */
public enum PaymentStatus {
    AUTHORIZED, DECLINED, CAPTURED, VOIDED, REFUNDED;

    static PaymentStatus of(String psp) {
        return valueOf(psp.toUpperCase(Locale.ROOT));
    }
}
