package io.emporium.bench.scenario;

import io.emporium.bench.load.ClosedLoop;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.load.Request;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SKUs benchmark orders buy, each stocked far beyond what a run sells, so that checkout confirms every order
 * and no SKU is hot: stock reservations spread over {@link #SKUS} stock aggregates (a hot SKU is scenario 6's).
 */
public final class Shelves {

    public static final int SKUS = 250;
    /** The most one receipt may bring in; at two units per order no run sells it out (500,000 orders per SKU). */
    private static final int UNITS = 1_000_000;
    private static final int CLERKS = 16;

    private Shelves() {
    }

    /** The SKU of order {@code n}. */
    static String sku(long n) {
        return String.format(Locale.ROOT, "BENCH-%04d", Math.floorMod(n, SKUS));
    }

    /**
     * Receives stock for every SKU through {@code POST /inventory/{sku}/receipts}, as a warehouse would.
     *
     * @throws IllegalStateException if a receipt is refused
     */
    public static void stock(int enginePort) {
        var next = new AtomicLong();
        var run = UUID.randomUUID().toString().substring(0, 8);
        try (var exchange = new NettyExchange(enginePort, CLERKS)) {
            var receipts = ClosedLoop.run(exchange, () -> {
                var n = next.getAndIncrement();
                return new Request("POST", "/inventory/" + sku(n) + "/receipts",
                        Map.of("Content-Type", "application/json", "Idempotency-Key", "bench-stock-" + run + "-" + n),
                        "{\"quantity\": " + UNITS + "}");
            }, status -> status == 201, CLERKS, Duration.ofSeconds(60), Duration.ofSeconds(1), SKUS);
            if (receipts.succeeded() < SKUS || receipts.failures() > 0) {
                throw new IllegalStateException("stocking the shelves failed: " + receipts.succeeded() + " of "
                        + SKUS + " receipts taken, failures " + receipts.failed());
            }
        }
    }
}
