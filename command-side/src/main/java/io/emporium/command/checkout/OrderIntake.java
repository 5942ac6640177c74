package io.emporium.command.checkout;

import reactor.core.publisher.Mono;

/**
 * Whether a new order may be placed now: where the checkout process runs, a new order waits while the process is
 * too far behind the orders already taken (see {@link CheckoutBacklog}).
 */
public interface OrderIntake {

    /** An instance without a checkout process of its own holds no order back. */
    OrderIntake UNBOUNDED = Mono::empty;

    /**
     * Completes when a new order may be placed; fails with {@link CheckoutBehindException} when the process stayed
     * behind for as long as an order may wait.
     */
    Mono<Void> roomForAnOrder();
}
