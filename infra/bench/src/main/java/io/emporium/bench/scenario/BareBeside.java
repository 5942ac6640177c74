package io.emporium.bench.scenario;

import io.emporium.bench.baseline.BareEndpoint;
import io.emporium.bench.baseline.BareWebFlux;
import io.emporium.bench.cpu.CpuMeter;
import io.emporium.bench.cpu.CpuUse;
import io.emporium.bench.cpu.HostSteal;
import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.LatencySummary;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.load.ClosedLoop;
import io.emporium.bench.load.Hiccups;
import io.emporium.bench.load.LoadRun;
import io.emporium.bench.load.NanoClock;
import io.emporium.bench.load.NettyExchange;
import io.emporium.bench.load.OpenLoop;
import io.emporium.bench.load.Request;
import io.emporium.bench.process.SafepointLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The bare WebFlux endpoint measured beside the product page's rounds, as {@link CommitsBeside} measures the commits
 * beside the append's: once before the first round and once after each round's product pages, in the closed loop beside
 * the closed rounds and in the open model at the page's rate beside the open ones. On this machine the bare endpoint's
 * rate moved from 69,598 to 51,552 requests/s between two runs started 82 minutes apart, and the engine's cores at one
 * fixed page rate from 0.55 to 1.31 within one run, within steps as well as between them (issue 4's note of 2026-12-06,
 * thirty-ninth session): a baseline measured minutes before the pages cannot tell such a spell from the engine. A fixed
 * piece of work served just before and after a round, on the same generator and cores, can: each closed round is judged
 * against the mean of the two either side of it, and each open round's p99 stands beside what the machine alone added
 * to a p99 at that rate then, with the bare endpoint's CPU per request saying how fast the machine ran.
 */
final class BareBeside implements AutoCloseable {

    private final Context context;
    private final BareEndpoint bare;
    private final NettyExchange exchange;
    private final int users;
    private final String warmup;
    private final Probes closed = new Probes();
    private final Probes open = new Probes();
    private double rate = Double.NaN;

    /** One kind of measurement, in the order taken: its figure, the bare endpoint's CPU per request, the cores. */
    private static final class Probes {
        final List<Double> figures = new ArrayList<>();
        final List<Double> microsPerRequest = new ArrayList<>();
        CpuUse cpu = CpuUse.NONE;
    }

    private BareBeside(Context context, BareEndpoint bare, NettyExchange exchange, int users, String warmup) {
        this.context = context;
        this.bare = bare;
        this.exchange = exchange;
        this.users = users;
        this.warmup = warmup;
    }

    /**
     * Starts the bare endpoint in a JVM of its own and warms it up as the run's baseline is warmed up, in a closed
     * loop of {@code users}, so that the first measurement finds it compiled.
     *
     * @param connections the most any measurement needs: the open model's pool
     */
    static BareBeside start(Context context, int users, int connections) {
        var bare = BareEndpoint.start(context.directory().resolve("bare-webflux-beside.log"));
        NettyExchange exchange = null;
        try {
            exchange = new NettyExchange(bare.port(), connections);
            var plan = context.profile().jvmWarmup();
            var loop = exchange;
            var warmed = plan.run(window -> ClosedLoop.run(loop, BareBeside::request, status -> status == 200, users,
                    window, context.profile().slice()).throughput());
            return new BareBeside(context, bare, exchange, users, warmed.describe(plan.window()));
        } catch (RuntimeException e) {
            if (exchange != null) {
                exchange.close();
            }
            bare.close();
            throw e;
        }
    }

    /** One closed-loop measurement, as long as a closed round of product pages; returns its requests per second. */
    double measureClosed() {
        return measure(closed, () -> ClosedLoop.run(exchange, BareBeside::request, status -> status == 200, users,
                context.profile().step(), context.profile().slice()), LoadRun::throughput);
    }

    /**
     * One open-model measurement at the page's {@code perSecond}, as long as an open round of product pages; returns
     * its p99 in milliseconds.
     */
    double measureOpen(double perSecond) {
        rate = perSecond;
        var length = context.profile().tailStep(perSecond);
        return measure(open, () -> new OpenLoop(exchange, NanoClock.SYSTEM).run(BareBeside::request,
                status -> status == 200, perSecond, length, context.profile().slice(),
                PlaceOrderThroughput.MAX_IN_FLIGHT), BareBeside::p99);
    }

    private static double p99(LoadRun run) {
        return LatencySummary.ofMicros(run.latencyMicros()).p99();
    }

    private double measure(Probes probes, Supplier<LoadRun> load, ToDoubleFunction<LoadRun> figure) {
        var before = context.cpu().snapshot();
        var bareBefore = CpuMeter.seconds(bare.processes());
        var run = load.get();
        var bareSeconds = CpuMeter.seconds(bare.processes()) - bareBefore;
        probes.cpu = probes.cpu.plus(context.cpu().snapshot().since(before));
        var value = figure.applyAsDouble(run);
        probes.figures.add(value);
        probes.microsPerRequest.add(run.succeeded() == 0 ? Double.NaN : bareSeconds * 1e6 / run.succeeded());
        return value;
    }

    private static Request request() {
        return Request.get(BareWebFlux.PATH);
    }

    /** One closed-loop baseline per round: the mean of the measurements either side of it. */
    Spread closedPerRound() {
        return Spread.besideRounds(closed.figures);
    }

    /** The open model's p99 of every measurement, in order: one before the first round and one after each. */
    Spread openP99s() {
        return Spread.of(open.figures);
    }

    /** The closed-loop measurements, for the report's notes. */
    String describeClosed() {
        return String.format(Locale.ROOT, "Bare WebFlux endpoint beside the product page's closed rounds (`GET %s` "
                        + "in a JVM of its own beside the engine, warmed up in a closed loop: %s), %d users, %s s "
                        + "each, before the first round and after each round's product pages: %s requests/s at %s us "
                        + "of its CPU a request; meanwhile the generator used %.2f cores and the engine %.2f. Each "
                        + "round is judged against the mean of the two either side of it.", BareWebFlux.PATH, warmup,
                users, Formats.seconds(context.profile().step()), Formats.joined(closed.figures, Formats::number),
                Formats.joined(closed.microsPerRequest, Formats::number), closed.cpu.generator(), closed.cpu.engine());
    }

    /**
     * One open round of product pages as the note pairs it.
     *
     * @param cpu       the cores every party used during the round
     * @param stops     the times the engine stopped all its threads during the round
     * @param generator how late the generator's own threads woke during the round
     * @param host      the core time the host took from this machine during the round
     * @param opened    the connections the generator opened during the round
     * @param worst     the round's slice with the highest p99, and what stood still in it
     */
    record OpenRound(LoadRun pages, CpuUse cpu, SafepointLog.Stops stops, Hiccups.Stalls generator,
                     HostSteal.Taken host, long opened, StorefrontMix.WorstSlice worst) {

        double p99() {
            return BareBeside.p99(pages);
        }

        double engineMicrosPerPage() {
            return pages.succeeded() == 0 ? Double.NaN : cpu.engine() * cpu.seconds() * 1e6 / pages.succeeded();
        }
    }

    /**
     * The open-model measurements, with each round's p99, the engine's CPU per page and every party's cores beside
     * the two measurements either side of it, for the report's notes.
     */
    String describeOpen(List<OpenRound> rounds) {
        var pairs = new ArrayList<String>();
        for (var i = 0; i < rounds.size() && i + 1 < open.figures.size(); i++) {
            var round = rounds.get(i);
            pairs.add(String.format(Locale.ROOT, "%s ms at %s us of engine CPU a page, cores %s, %s, the generator "
                            + "late %s ms at p99 and %s at most, %s, %s, %s (bare: %s and %s ms at %s and %s us a "
                            + "request)",
                    Formats.number(round.p99()), Formats.number(round.engineMicrosPerPage()), round.cpu().columns(),
                    stopped(round.stops()), Formats.number(round.generator().p99Millis()),
                    Formats.number(round.generator().longestMillis()), StorefrontMix.taken(round.host()),
                    StorefrontMix.opened(round.opened()), round.worst(),
                    Formats.number(open.figures.get(i)), Formats.number(open.figures.get(i + 1)),
                    Formats.number(open.microsPerRequest.get(i)), Formats.number(open.microsPerRequest.get(i + 1))));
        }
        return String.format(Locale.ROOT, "Bare WebFlux endpoint beside the product page's open rounds, in the open "
                        + "model at the page's %s/s, %s s each, before the first round and after each round's product "
                        + "pages: p99 %s ms at %s us of its CPU a request; meanwhile the generator used %.2f cores and "
                        + "the engine %.2f. Product page p99 by round (cores as in the tables' CPU columns; the "
                        + "engine's safepoints: how often it stopped all its threads, for how long in all and at "
                        + "most; how late the generator's own threads woke, at a moment picked at random and at "
                        + "most; the core time the host took from this machine, as a share of all cores' time and "
                        + "the most in any one second; the connections the generator opened; the slice with the "
                        + "highest p99, what stood still in it and the core time each process used in it), "
                        + "beside the bare endpoint's either side: %s.",
                Formats.number(rate), Formats.seconds(context.profile().tailStep(rate)),
                Formats.joined(open.figures, Formats::number), Formats.joined(open.microsPerRequest, Formats::number),
                open.cpu.generator(), open.cpu.engine(), String.join("; ", pairs));
    }

    private static String stopped(SafepointLog.Stops stops) {
        if (stops.count() == 0) {
            return "no stops";
        }
        return String.format(Locale.ROOT, "%d stops for %s ms, the longest %s ms (%s)", stops.count(),
                Formats.number(stops.millis()), Formats.number(stops.longestMillis()), stops.longestOperation());
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
