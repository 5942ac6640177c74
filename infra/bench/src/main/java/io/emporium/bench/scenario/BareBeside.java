package io.emporium.bench.scenario;

import io.emporium.bench.baseline.BareEndpoint;
import io.emporium.bench.baseline.BareWebFlux;
import io.emporium.bench.cpu.CpuMeter;
import io.emporium.bench.cpu.CpuUse;
import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.load.LoadRun;
import io.emporium.bench.load.NanoClock;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.load.OpenLoop;
import io.emporium.bench.load.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * The bare WebFlux endpoint in the open model at the product page's rate, measured beside the page's rounds: once
 * before the first and once after each, as {@link CommitsBeside} measures the commits. On this machine the engine's
 * cores per page at one fixed rate moved from 0.55 to 1.31 cores within one `bench full 2`, within steps as well as
 * between them, and the page's p99 at half its peak with it, from 3.7 to 22.4 ms between runs (issue 4's note of
 * 2026-12-06, thirty-ninth session). A fixed piece of work served at the same rate just before and after a round,
 * on the same generator and cores, says what the machine alone adds to a p99 then, and its CPU per request how fast
 * the machine ran: a slow round beside a slow bare endpoint is the machine's hour, one beside a fast one the engine.
 */
final class BareBeside implements AutoCloseable {

    private final Context context;
    private final BareEndpoint bare;
    private final NettyExchange exchange;
    private final double rate;
    private final Duration length;
    private final String warmup;
    private final List<Double> p99s = new ArrayList<>();
    private final List<Double> microsPerRequest = new ArrayList<>();
    private CpuUse cpu = CpuUse.NONE;

    private BareBeside(Context context, BareEndpoint bare, NettyExchange exchange, double rate, Duration length,
                       String warmup) {
        this.context = context;
        this.bare = bare;
        this.exchange = exchange;
        this.rate = rate;
        this.length = length;
        this.warmup = warmup;
    }

    /**
     * Starts the bare endpoint in a JVM of its own and warms it up at {@code rate}, as the baseline's is warmed up,
     * so that the first measurement finds it compiled.
     */
    static BareBeside start(Context context, double rate, Duration length, int connections) {
        var bare = BareEndpoint.start(context.directory().resolve("bare-webflux-beside.log"));
        NettyExchange exchange = null;
        try {
            exchange = new NettyExchange(bare.port(), connections);
            var loop = new OpenLoop(exchange, NanoClock.SYSTEM);
            var plan = context.profile().jvmWarmup();
            var warmed = plan.run(window -> run(loop, rate, window, context.profile().slice()).throughput());
            return new BareBeside(context, bare, exchange, rate, length, warmed.describe(plan.window()));
        } catch (RuntimeException e) {
            if (exchange != null) {
                exchange.close();
            }
            bare.close();
            throw e;
        }
    }

    /** One measurement at the rate, for as long as a round of product pages lasts. */
    void measure() {
        var loop = new OpenLoop(exchange, NanoClock.SYSTEM);
        var before = context.cpu().snapshot();
        var bareBefore = CpuMeter.seconds(bare.processes());
        var run = run(loop, rate, length, context.profile().slice());
        var bareSeconds = CpuMeter.seconds(bare.processes()) - bareBefore;
        cpu = cpu.plus(context.cpu().snapshot().since(before));
        p99s.add(run.latencyMicros().getValueAtPercentile(99) / 1000.0);
        microsPerRequest.add(run.succeeded() == 0 ? Double.NaN : bareSeconds * 1e6 / run.succeeded());
    }

    private static LoadRun run(OpenLoop loop, double rate, Duration length, Duration slice) {
        var request = Request.get(BareWebFlux.PATH);
        return loop.run(() -> request, status -> status == 200, rate, length, slice,
                PlaceOrderThroughput.MAX_IN_FLIGHT);
    }

    /** Every measurement's p99, in order: one before the first round and one after each. */
    Spread p99s() {
        return Spread.of(p99s);
    }

    /**
     * The report's note: every measurement in order, and each round's p99 and engine CPU per page beside the two
     * measurements either side of it.
     *
     * @param roundP99s      the product page's p99 by round, in milliseconds
     * @param engineMicros   the engine's CPU per page by round, in microseconds
     */
    String describe(List<Double> roundP99s, List<Double> engineMicros) {
        var pairs = new ArrayList<String>();
        for (var i = 0; i < roundP99s.size() && i + 1 < p99s.size(); i++) {
            pairs.add(String.format(Locale.ROOT, "%s ms at %s us of engine CPU a page (bare: %s and %s ms at %s and "
                            + "%s us a request)", Formats.number(roundP99s.get(i)), Formats.number(engineMicros.get(i)),
                    Formats.number(p99s.get(i)), Formats.number(p99s.get(i + 1)),
                    Formats.number(microsPerRequest.get(i)), Formats.number(microsPerRequest.get(i + 1))));
        }
        return String.format(Locale.ROOT, "Bare WebFlux endpoint beside the product page's open rounds (`GET %s` in "
                        + "a JVM of its own, warmed up at the rate: %s), in the open model at the page's %s/s, %s s "
                        + "each, before the first round and after each round's product pages: p99 %s ms, its CPU "
                        + "per request %s us; meanwhile the generator used %.2f cores and the engine %.2f. "
                        + "Product page p99 by round, beside the bare endpoint's either side: %s.",
                BareWebFlux.PATH, warmup, Formats.number(rate), Formats.seconds(length), join(p99s, Formats::number),
                join(microsPerRequest, Formats::number), cpu.generator(), cpu.engine(), String.join("; ", pairs));
    }

    private static String join(List<Double> values, DoubleFunction<String> format) {
        return values.stream().map(value -> format.apply(value)).collect(Collectors.joining(" / "));
    }

    @Override
    public void close() {
        try {
            exchange.close();
        } finally {
            bare.close();
        }
    }
}
