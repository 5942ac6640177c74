package io.emporium.bench.scenario;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.load.ClosedLoop;
import io.emporium.bench.load.LoadRun;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.load.Request;
import io.emporium.bench.process.EngineRoles;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 6: a flash sale on one SKU. Every order buys the same SKU, so every reservation is decided on one stock
 * aggregate, one after the other. The figure is reservations decided per second from the first order of a
 * repetition until the checkout process has decided the last one.
 */
final class HotSkuReservations implements Scenario.Measurable {

    /** Far more than a run sells, so that every reservation is granted and none is a quick rejection. */
    private static final int UNITS = 1_000_000;
    /** How long the checkout process may take to decide what was ordered, after the load stopped. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(20);
    /**
     * Orders per repetition at most: placing outpaces reserving on one SKU, so an unbounded step would leave a
     * backlog that takes minutes to decide.
     */
    private static final long ORDERS_PER_REPETITION = 300;

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String title() {
        return "Hot-SKU stock reservations/s";
    }

    @Override
    public EngineRoles roles() {
        return EngineRoles.ALL;
    }

    @Override
    public boolean needsEmptyStore() {
        // It runs before scenario 5, whose orders are never decided (it runs without the checkout process), on the
        // engine scenarios 1 to 3 warmed up, once its processors caught up.
        return false;
    }

    @Override
    public ScenarioResult run(Context context) throws Exception {
        var profile = context.profile();
        var users = context.peak().users();
        var sku = "HOT-" + UUID.randomUUID().toString().substring(0, 8);
        var steps = new Steps();
        try (var exchange = new NettyExchange(context.enginePort(), users);
             var connection = context.servers().connect()) {
            var receipt = ClosedLoop.run(exchange, () -> new Request("POST", "/inventory/" + sku + "/receipts",
                    Map.of("Content-Type", "application/json", "Idempotency-Key", "bench-" + sku),
                    "{\"quantity\": " + UNITS + "}"), status -> status == 201, 1, Duration.ofSeconds(30),
                    Duration.ofSeconds(1), 1);
            if (receipt.succeeded() != 1) {
                throw new IllegalStateException("the hot SKU could not be stocked: " + receipt.failed());
            }
            var orders = new PlaceOrderRequests(context.savedCards(), n -> sku, 1);
            context.say("warming up the engine on one SKU");
            var warmupPlaced = new AtomicLong();
            profile.warmup().run(window -> {
                var run = ClosedLoop.run(exchange, orders, status -> status == 201, users, window, profile.slice(),
                        ORDERS_PER_REPETITION / 3);
                warmupPlaced.addAndGet(run.succeeded());
                return run.throughput();
            });
            awaitDecided(connection, sku, warmupPlaced.get(), DRAIN_LIMIT);
            var label = users + (users == 1 ? " user" : " users");
            for (var round = 1; round <= profile.repetitions(); round++) {
                context.checkpoint();
                var run = steps.measure(context, label, users, () -> reservations(connection, exchange, orders,
                        sku, users, profile.step(), profile.slice()));
                context.say(String.format(Locale.ROOT, "hot SKU, round %d: %.0f reservations/s (%d in %.1f s)",
                        round, run.throughput(), run.succeeded(), run.seconds()));
            }
        }
        var measured = steps.toList();
        return new ScenarioResult(number(), title(), """
                PlaceOrder over HTTP, closed loop with %d users (the concurrency of the scenario 1 peak), every \
                order buying one unit of the same SKU, on the engine with every role, as in scenarios 1 to 3 \
                (its projections run meanwhile). The checkout process \
                reserves each order's unit on that SKU's single stock aggregate: concurrent reservations conflict \
                on its event stream and are decided one after the other. A repetition's figure is the number of \
                reservations decided (granted or refused, counted in the event store) divided by the time from the \
                repetition's first order until the last of its orders was decided, so a backlog left behind by \
                the load counts against it. A repetition places at most %d orders."""
                .formatted(users, ORDERS_PER_REPETITION),
                List.of(new Series("hot-sku", "Hot-SKU reservations", "users", "reservations/s",
                        "PlaceOrder latency", false, measured)),
                measured.stream().map(step -> new Headline("Hot-SKU reservations with " + step.label(),
                        "reservations/s", step.throughput(), Baseline.POSTGRES_COMMITS, null)).toList(),
                List.of());
    }

    /** One repetition: load for a step, then the time until every order it placed has its reservation decided. */
    private static LoadRun reservations(Connection connection, NettyExchange exchange, PlaceOrderRequests orders,
                                        String sku, int users, Duration step, Duration slice) throws SQLException {
        var decidedBefore = decided(connection, sku);
        var started = System.nanoTime();
        var load = ClosedLoop.run(exchange, orders, status -> status == 201, users, step, slice,
                ORDERS_PER_REPETITION);
        awaitDecided(connection, sku, decidedBefore + load.succeeded(), DRAIN_LIMIT);
        var decided = decided(connection, sku) - decidedBefore;
        var seconds = (System.nanoTime() - started) / 1e9;
        return new LoadRun(users, decided, load.failed(), seconds, load.latencyMicros(), load.timeline(),
                load.maxSendLagMs());
    }

    private static void awaitDecided(Connection connection, String sku, long count, Duration limit)
            throws SQLException {
        var deadline = System.nanoTime() + limit.toNanos();
        while (decided(connection, sku) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the checkout process did not decide " + count
                        + " reservations of " + sku + " within " + limit.toSeconds() + " s");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static long decided(Connection connection, String sku) throws SQLException {
        try (var statement = connection.prepareStatement("""
                select count(*) from domain_event_entry
                 where aggregate_identifier = ?
                   and (payload_type like '%StockReserved' or payload_type like '%StockReservationRejected')
                """)) {
            statement.setString(1, "stock:" + sku);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
