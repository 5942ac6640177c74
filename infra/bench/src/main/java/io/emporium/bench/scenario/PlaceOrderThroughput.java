package io.emporium.bench.scenario;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Warmup;
import io.emporium.bench.load.ClosedLoop;
import io.emporium.bench.load.NanoClock;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.load.OpenLoop;
import io.emporium.bench.process.EngineRoles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 1: PlaceOrder over HTTP with an Idempotency-Key, durable, on the whole engine. Closed-loop users at rising
 * concurrency find the peak; open-model arrivals at fractions of that peak show the latency a customer sees at a
 * given load. Repetitions run in rounds (every step once, then again), so slow drift spreads over all steps.
 */
final class PlaceOrderThroughput implements Scenario.Measurable {

    /** A bound on requests waiting for an answer in the open model; beyond it the server is far past saturation. */
    static final int MAX_IN_FLIGHT = 10_000;
    /** Connections available to the open model; requests beyond them queue in the generator, inside their latency. */
    static final int OPEN_MODEL_CONNECTIONS = 256;

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String title() {
        return "PlaceOrder over HTTP with Idempotency-Key";
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
        var requests = new PlaceOrderRequests(context.savedCards());
        var connections = Math.max(OPEN_MODEL_CONNECTIONS, Collections.max(profile.users()));
        var closed = new Steps();
        var open = new Steps();
        Peak peak;
        Warmup.Result warmup;
        try (var exchange = new NettyExchange(context.enginePort(), connections)) {
            context.say("warming up the engine");
            warmup = profile.jvmWarmup().run(window -> ClosedLoop.run(exchange, requests,
                    status -> status == PlaceOrderRequests.CREATED, Collections.max(profile.users()), window,
                    profile.slice()).throughput());
            context.say("warm-up " + warmup.describe(profile.jvmWarmup().window()));
            for (var round = 1; round <= profile.repetitions(); round++) {
                context.checkpoint();
                for (var users : profile.users()) {
                    var run = closed.measure(context, users + (users == 1 ? " user" : " users"), users,
                            () -> ClosedLoop.run(exchange, requests, status -> status == PlaceOrderRequests.CREATED,
                                    users, profile.step(), profile.slice()));
                    context.say(String.format(Locale.ROOT, "closed loop, %d users, round %d: %.0f orders/s",
                            users, round, run.throughput()));
                }
            }
            var best = closed.fastest();
            peak = new Peak(best.throughput().median(), (int) best.setting());
            context.peak(peak);
            var openLoop = new OpenLoop(exchange, NanoClock.SYSTEM);
            for (var round = 1; round <= profile.repetitions(); round++) {
                context.checkpoint();
                for (var fraction : profile.arrivalFractions()) {
                    var rate = fraction * peak.perSecond();
                    var label = String.format(Locale.ROOT, "%.2f× peak = %.0f/s", fraction, rate);
                    var run = open.measure(context, label, rate, () -> openLoop.run(requests,
                            status -> status == PlaceOrderRequests.CREATED, rate, profile.tailStep(rate),
                            profile.slice(), MAX_IN_FLIGHT));
                    context.say(String.format(Locale.ROOT, "open model, %s, round %d: p99 %.1f ms", label, round,
                            run.latencyMicros().getValueAtPercentile(99) / 1000.0));
                }
            }
        }
        var closedSteps = closed.toList();
        var openSteps = open.toList();
        var peakStep = closedSteps.stream().filter(step -> step.setting() == peak.users()).findFirst().orElseThrow();
        var headlines = new ArrayList<Headline>();
        headlines.add(new Headline("PlaceOrder peak (closed loop, " + peakStep.label() + ")", "orders/s",
                peakStep.throughput(), Baseline.POSTGRES_COMMITS, null));
        headlines.add(new Headline("PlaceOrder peak against the bare WebFlux endpoint", "orders/s",
                peakStep.throughput(), Baseline.BARE_WEBFLUX, null));
        for (var step : openSteps) {
            headlines.add(Headline.of("PlaceOrder p99 at " + step.label() + " (open model)", "ms",
                    step.percentile(99)));
        }
        return new ScenarioResult(number(), title(), """
                `POST /orders` with a new `Idempotency-Key` and one order line per request, paid with the customer's \
                saved card (a token the PSP simulator issued before the run; the checkout process authorizes it), \
                against the engine with \
                every role (projections to PostgreSQL, Elasticsearch and Kafka run meanwhile), each request one \
                synchronous commit (see the PostgreSQL settings above). \
                A new order waits while the checkout process is more than 2 s behind (`CheckoutBacklog`), so the \
                closed loop's peak is the rate at which the engine checks orders out, not only the rate it takes them; \
                issue 3's target for PlaceOrder is judged on the command side alone, in scenario 5 (ADR 010). \
                **Closed loop**: N users, each sending its next request when the previous one is answered; \
                latency is the round trip. The peak is the best median throughput over the concurrency levels. \
                **Open model**: requests sent at fixed arrival rates (fractions of the peak) whatever the engine \
                does; latency counts from each request's intended send time, so it is corrected for coordinated \
                omission. %sOnly `201 Created` counts as success.""".formatted(profile.tailStepSentence()),
                List.of(new Series("placeorder-closed", "PlaceOrder, closed loop", "users", "orders/s", "latency",
                                false, closedSteps),
                        new Series("placeorder-open", "PlaceOrder, open model", "arrival rate", "orders/s",
                                "latency", true, openSteps)),
                headlines, List.of("Warm-up before the first step, " + Collections.max(profile.users())
                        + " users: " + warmup.describe(profile.jvmWarmup().window()) + ".",
                        EventStore.eventsByType(context.servers())));
    }
}
