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
 * {@link Shelves stocked SKUs}, paid with the card the PSP simulator authorizes.
 */
final class PlaceOrderRequests implements Supplier<Request> {

    static final int CREATED = 201;
    /** A test card the PSP simulator authorizes, as payment providers document them. */
    private static final String GOOD_CARD = "4242424242424242";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sent = new AtomicLong();
    private final LongFunction<String> skus;
    private final int quantity;

    /** Two units of one of the {@link Shelves stocked SKUs} per order. */
    PlaceOrderRequests() {
        this(Shelves::sku, 2);
    }

    /** @param skus the SKU of the n-th order */
    PlaceOrderRequests(LongFunction<String> skus, int quantity) {
        this.skus = skus;
        this.quantity = quantity;
    }

    @Override
    public Request get() {
        var n = sent.incrementAndGet();
        return new Request("POST", "/orders",
                Map.of("Content-Type", "application/json", "Idempotency-Key", "bench-" + run + "-" + n),
                """
                {"customerId":"%s","lines":[{"sku":"%s","quantity":%d,\
                "unitPrice":{"amount":1250,"currency":"EUR"}}],\
                "payment":{"card":{"number":"%s","expMonth":12,"expYear":2030,"cvc":"123"}}}"""
                        .formatted(EventRowTemplate.customerId(n), skus.apply(n), quantity, GOOD_CARD));
    }
}
