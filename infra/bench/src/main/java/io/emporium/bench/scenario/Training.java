package io.emporium.bench.scenario;

import io.emporium.bench.history.Assortment;
import io.emporium.bench.load.ClosedLoop;
import io.emporium.bench.load.LoadRun;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.load.Request;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The load of the engine's AOT training run: what the scenarios then ask of it, briefly, so that the classes they
 * load and the methods they run are in the cache. Its products have SKUs of their own ({@code TRAIN-…}), so the
 * catalog scenario 2 generates never meets them; the orders and stock it leaves stay in the store, as a shop's
 * history would.
 */
public final class Training {

    private static final int PRODUCTS = 40;
    private static final int CLERKS = 8;
    private static final int SHOPPERS = 32;
    private static final Duration ORDERS = Duration.ofSeconds(8);
    private static final Duration READS = Duration.ofSeconds(5);
    private static final Duration SLICE = Duration.ofSeconds(1);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Training() {
    }

    /** Defines, activates and stocks a few products, stocks the shelves, places orders and reads the storefront. */
    public static String exercise(int enginePort) {
        var assortment = new Assortment(7);
        var run = Long.toHexString(System.nanoTime());
        try (var exchange = new NettyExchange(enginePort, SHOPPERS)) {
            for (var step : CatalogStep.values()) {
                var next = new AtomicLong();
                expectAll(step.name().toLowerCase(Locale.ROOT) + " training products", ClosedLoop.run(exchange,
                        () -> catalogRequest(step, next.getAndIncrement(), assortment, run),
                        status -> status / 100 == 2, CLERKS, LIMIT, SLICE, PRODUCTS), PRODUCTS);
            }
            Shelves.stock(enginePort);
            var orders = ClosedLoop.run(exchange, PlaceOrderRequests.withTypedCards(),
                    status -> status == PlaceOrderRequests.CREATED, SHOPPERS, ORDERS, SLICE);
            var storefront = new StorefrontRequests(PRODUCTS);
            var random = new SplittableRandom(11);
            Supplier<Request> reads = () -> {
                synchronized (random) {
                    return switch (random.nextInt(3)) {
                        case 0 -> Request.get("/products/" + trainingSku(random.nextInt(PRODUCTS)));
                        case 1 -> storefront.search(random);
                        default -> storefront.suggest(random);
                    };
                }
            };
            var read = ClosedLoop.run(exchange, reads, status -> status == 200, SHOPPERS, READS, SLICE);
            return String.format(Locale.ROOT, "%d training products, %d orders, %d storefront reads",
                    PRODUCTS, orders.succeeded(), read.succeeded());
        }
    }

    /** How a training product comes to be sold, in order. */
    private enum CatalogStep { DEFINE, ACTIVATE, RECEIVE }

    private static Request catalogRequest(CatalogStep step, long n, Assortment assortment, String run) {
        var product = assortment.product(n);
        var sku = trainingSku(n);
        var headers = Map.of("Content-Type", "application/json",
                "Idempotency-Key", "bench-training-" + run + "-" + step + "-" + sku);
        return switch (step) {
            case DEFINE -> new Request("POST", "/products", headers, """
                    {"sku":"%s","name":"%s","description":"%s","category":"%s",\
                    "attributes":{"colour":"%s","size":"%s"},"price":{"amount":%d,"currency":"%s"}}"""
                    .formatted(sku, product.name(), product.description(), product.category(), product.colour(),
                            product.size(), product.priceMinor(), Assortment.CURRENCY));
            case ACTIVATE -> new Request("POST", "/products/" + sku + "/activate", headers, null);
            case RECEIVE -> new Request("POST", "/inventory/" + sku + "/receipts", headers,
                    "{\"quantity\": " + Math.max(1, product.stock()) + "}");
        };
    }

    private static String trainingSku(long n) {
        return String.format(Locale.ROOT, "TRAIN-%04d", n);
    }

    private static void expectAll(String what, LoadRun run, int count) {
        if (run.succeeded() < count || run.failures() > 0) {
            throw new IllegalStateException(what + " failed: " + run.succeeded() + " of " + count
                    + " taken, failures " + run.failed());
        }
    }
}
