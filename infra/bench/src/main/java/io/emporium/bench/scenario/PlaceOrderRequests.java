package io.emporium.bench.scenario;

import io.emporium.bench.history.EventRowTemplate;
import io.emporium.bench.load.Request;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * POST /orders requests as a storefront sends them: each with an Idempotency-Key of its own, so every request
 * places a new order (a key is never reused within or across runs), spread over many customers and over the
 * {@link Shelves stocked SKUs}, paid with the customer's {@link SavedCards saved card} or with a card typed in.
 */
final class PlaceOrderRequests implements Supplier<Request> {

    static final int CREATED = 201;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sent = new AtomicLong();
    private final LongFunction<String> skus;
    private final int quantity;
    /** The payment of customer number n, as {@link EventRowTemplate#customerId(long)} numbers them. */
    private final LongFunction<String> payments;

    /** Two units of one of the {@link Shelves stocked SKUs} per order, paid with the customer's saved card. */
    PlaceOrderRequests(SavedCards cards) {
        this(cards, Shelves::sku, 2);
    }

    /** @param skus the SKU of the n-th order */
    PlaceOrderRequests(SavedCards cards, LongFunction<String> skus, int quantity) {
        this(skus, quantity, cards::paymentOf);
    }

    private PlaceOrderRequests(LongFunction<String> skus, int quantity, LongFunction<String> payments) {
        this.skus = skus;
        this.quantity = quantity;
        this.payments = payments;
    }

    /** Orders whose card is typed in at checkout: the engine tokenizes each at the PSP before placing it. */
    static PlaceOrderRequests withTypedCards() {
        return new PlaceOrderRequests(Shelves::sku, 2, customer -> SavedCards.TypedCard.PAYMENT);
    }

    @Override
    public Request get() {
        var n = sent.incrementAndGet();
        return new Request("POST", "/orders",
                Map.of("Content-Type", "application/json", "Idempotency-Key", "bench-" + run + "-" + n),
                """
                {"customerId":"%s","lines":[{"sku":"%s","quantity":%d,\
                "unitPrice":{"amount":1250,"currency":"EUR"}}],"payment":%s}"""
                        .formatted(EventRowTemplate.customerId(n), skus.apply(n), quantity,
                                payments.apply(Math.floorMod(n, (long) EventRowTemplate.CUSTOMERS))));
    }
}
