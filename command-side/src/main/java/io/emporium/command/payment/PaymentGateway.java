package io.emporium.command.payment;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The shop's way to take money, whoever the payment service provider is. Calls block until the PSP's answer is
 * known, within bounded time, so they belong off the event loop.
 *
 * <p>Every call that moves money carries an idempotency key derived from what it is for (see
 * {@link PaymentIntent#idempotencyKey()}), the same on every retry: a retry after a crash, a timeout or a redelivered
 * event reaches the PSP as the same request, and an intent is charged at most once.
 */
public interface PaymentGateway {

    /**
     * Exchanges card details for the PSP's token, the only form in which a card goes any further.
     *
     * @throws InvalidCardException        if the PSP finds the card unusable (wrong number, expired, bad CVC)
     * @throws PaymentUnavailableException if the PSP did not answer in time
     */
    CardToken tokenize(CardDetails card);

    /**
     * {@link #tokenize} for a caller on an event loop: a gateway that can wait for the PSP without holding a thread
     * does so; by default the call runs on a thread that may block.
     */
    default Mono<CardToken> tokenizeAsync(CardDetails card) {
        return Mono.fromCallable(() -> tokenize(card)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Reserves the intent's amount on its card.
     *
     * @return authorized, or declined with the PSP's reason; never unknown
     * @throws PaymentUnavailableException if the outcome is still unknown after the bounded retries; retrying the
     *                                     same intent later is safe
     */
    Authorization authorize(PaymentIntent intent);

    /** Takes the authorized money, as on shipment. */
    PaymentChange capture(String paymentId);

    /** Releases an authorization that was never captured, as when an order is cancelled before shipment. */
    PaymentChange voidAuthorization(String paymentId);

    /** Gives back captured money. */
    PaymentChange refund(String paymentId);
}
