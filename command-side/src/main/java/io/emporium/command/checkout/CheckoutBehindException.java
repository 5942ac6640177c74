package io.emporium.command.checkout;

import java.time.Duration;

/** A new order waited in vain for the checkout process to catch up: nothing was done, it may be sent again. */
public final class CheckoutBehindException extends RuntimeException {

    public CheckoutBehindException(Duration waited) {
        super("the checkout process stayed behind for the " + waited + " a new order may wait", null, false, false);
    }
}
