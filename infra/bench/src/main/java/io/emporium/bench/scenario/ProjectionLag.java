package io.emporium.bench.scenario;

import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.figure.Target;
import io.emporium.bench.load.LoadRun;
import io.emporium.bench.load.NanoClock;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.load.OpenLoop;
import io.emporium.bench.process.EngineRoles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Scenario 3: how long after an OrderPlaced event commits its order shows in the order_view read model, while
 * PlaceOrder arrives at a fraction of its peak (issue 4: p99 at most 50 ms at half the peak).
 */
final class ProjectionLag implements Scenario.Measurable {

    /** How long the read model may take to catch up after the load before the rest counts as unseen. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String title() {
        return "Projection lag, event commit to read model";
    }

    @Override
    public EngineRoles roles() {
        return EngineRoles.ALL;
    }

    @Override
    public boolean needsEmptyStore() {
        return false;
    }

    @Override
    public ScenarioResult run(Context context) throws Exception {
        var profile = context.profile();
        context.stockShelves();
        var rate = profile.lagFraction() * context.peak().perSecond();
        var label = String.format(Locale.ROOT, "%.2f× peak = %.0f/s", profile.lagFraction(), rate);
        var step = profile.tailStep(rate);
        var requests = new PlaceOrderRequests(context.savedCards());
        var lags = new Steps();
        var latencies = new Steps();
        var intervals = new Histogram(3);
        long unseen = 0;
        long untracked = 0;
        try (var exchange = new NettyExchange(context.enginePort(), PlaceOrderThroughput.OPEN_MODEL_CONNECTIONS)) {
            var openLoop = new OpenLoop(exchange, NanoClock.SYSTEM);
            for (var round = 1; round <= profile.repetitions(); round++) {
                context.checkpoint();
                var before = context.cpu().snapshot();
                LoadRun placed;
                LagProbe.Observed observed;
                try (var probe = new LagProbe(context.servers().connect(), profile.slice(),
                        step.plus(DRAIN).plusSeconds(60))) {
                    placed = openLoop.run(requests, status -> status == PlaceOrderRequests.CREATED, rate,
                            step, profile.slice(), PlaceOrderThroughput.MAX_IN_FLIGHT);
                    observed = probe.drain(DRAIN);
                }
                var cpu = context.cpu().snapshot().since(before);
                latencies.add(label, rate, placed, cpu);
                var failed = observed.unseen() == 0 ? Map.<String, Long>of()
                        : Map.of("not in the read model " + DRAIN.toSeconds() + " s after the load", observed.unseen());
                lags.add(label, rate, new LoadRun(rate, observed.lagMicros().getTotalCount(), failed, placed.seconds(),
                        observed.lagMicros(), observed.timeline().intervals(), placed.maxSendLagMs()), cpu);
                intervals.add(observed.pollIntervalMicros());
                unseen += observed.unseen();
                untracked += observed.untracked();
                context.say(String.format(Locale.ROOT, "projection lag at %s, round %d: p99 %.1f ms over %d orders",
                        label, round, observed.lagMicros().getValueAtPercentile(99) / 1000.0,
                        observed.lagMicros().getTotalCount()));
            }
        }
        var lagStep = lags.toList().getFirst();
        var notes = new ArrayList<String>();
        notes.add(String.format(Locale.ROOT, "Probe resolution: one poll every %.1f ms at the median, %.1f ms at p99 "
                        + "(target period %d ms); a lag is known to within one poll interval.",
                intervals.getValueAtPercentile(50) / 1000.0, intervals.getValueAtPercentile(99) / 1000.0,
                LagProbe.PERIOD.toMillis()));
        if (unseen > 0) {
            notes.add(unseen + " orders were not in the read model " + DRAIN.toSeconds() + " s after the load.");
        }
        if (untracked > 0) {
            notes.add(untracked + " orders were not tracked: more than 2,000 were awaiting the read model at once.");
        }
        Spread p99 = lagStep.percentile(99);
        return new ScenarioResult(number(), title(), """
                PlaceOrder arrives in the open model at %s of the scenario 1 peak, on the engine with every role. \
                A probe on its own PostgreSQL connection runs one query every %d ms that returns the OrderPlaced \
                events newly visible in `domain_event_entry` and the orders newly visible in `order_view`. The lag \
                of an order is the time between the poll that first saw its event committed and the poll that first \
                saw its row in the read model: both ends are observed alike, from the database, on the probe's \
                clock, so the engine's clock and its HTTP responses play no part. Every order of the load is \
                measured, not a sample. Each repetition places orders for %s s, %d of them at this rate. %s"""
                .formatted(String.format(Locale.ROOT, "%.2f×", profile.lagFraction()), LagProbe.PERIOD.toMillis(),
                        Formats.seconds(step), Math.round(rate * step.toMillis() / 1000.0),
                        profile.tailStepSentence().strip()),
                List.of(new Series("projection-lag", "Projection lag (order_view)", "arrival rate", "orders/s", "lag",
                                false, lags.toList()),
                        new Series("projection-lag-placeorder", "PlaceOrder during the lag measurement",
                                "arrival rate", "orders/s", "latency", true, latencies.toList())),
                List.of(new Headline("Projection lag p99 at " + label, "ms", p99, null,
                        new Target.AtMost(50, "ms", 4))),
                notes);
    }
}
