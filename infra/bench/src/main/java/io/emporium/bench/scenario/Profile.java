package io.emporium.bench.scenario;

import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Warmup;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How much the suite measures: repetitions, step lengths and the settings each scenario goes through. {@code quick}
 * aims at five minutes on a two-core machine (issue 6) with five repetitions of every figure, so that a figure's range
 * holds its true median with 94 % confidence rather than the 75 % of three: with three, two runs of one jar missed
 * 2-7 of 30 figures, as chance alone predicts (one in five). Five repetitions of one-second steps, with every p99
 * from 100 requests, took 4 min 8 s and 4 min 29 s on 2026-12-04 (durable commits 10,800 and 8,800/s), and 4 min 48 s
 * and 4 min 50 s from a fresh clone once the machine had slowed (7,700-8,000/s); three of two-second steps and 200
 * requests had taken 4 min 18 s to 4 min 35 s. Quick's open model runs at half the peak only, as the lag does (a
 * second rate at 0.8x cost 15 s), and its two runs without it took 4 min 43 s and 4 min 52 s while durable commits
 * fell from 8,900 to 6,600/s. With half-second baseline steps and warm-ups of at most four one-second windows for a
 * new JVM (six two-second ones before: they did not settle either), two runs from a fresh clone took 4 min 34 s and
 * 4 min 21 s (commits 10,000 and 8,200/s). With mix repetitions of 640 requests (2.5 s at 250/s, 5 s at 130/s)
 * instead of one second, two runs from a fresh clone took 3 min 45 s each (commits 11,900 and 11,400/s), and two
 * more, once the machine had slowed, 4 min 54 s and 4 min 34 s (7,800 and 8,600/s).
 * {@code full} is for reports, {@code smoke} only proves that every part runs.
 *
 * @param repetitions      how often each figure is measured; its spread is the noise the report states
 * @param warmup           load before a baseline's first measurement on a server already running, not counted,
 *                         until the rate settles ({@link Warmup})
 * @param jvmWarmup        the same for a JVM the suite just started (the engine, the bare endpoint), which takes
 *                         longer to compile its hot code
 * @param step             length of one repetition of a load step
 * @param slice            length of one point on the latency-over-time charts
 * @param baselineStep     length of one repetition of a throughput baseline
 * @param users            closed-loop concurrency levels for PlaceOrder
 * @param arrivalFractions open-model arrival rates, as fractions of the measured PlaceOrder peak
 * @param lagFraction      the PlaceOrder arrival rate under which projection lag is measured, as a fraction of peak
 * @param tailSamples      requests (or orders, for the lag) each repetition of an open-model step whose p99 is
 *                         reported makes at least, lengthening the step at low rates: a p99 of fewer than a few
 *                         hundred values is their largest one or two, and in quick (two-second steps, 73 orders) the
 *                         lag's p99 moved from 26.5 to 116 ms between two runs of one jar
 * @param tailStepLimit    how long such a step lasts at most: the step's length is the samples over the rate, so half
 *                         a peak that a slow machine (or host) halves doubles it; quick's limit keeps its five
 *                         minutes there, with fewer samples, which the report's tables count; a mix repetition
 *                         stops there too
 * @param mixRequests      requests in one repetition of the storefront mix: a count, not a time, so that how many
 *                         samples each endpoint has, and so which percentile of it the report states
 *                         ({@link #percentileFor}), does not depend on how fast the machine is
 * @param storeSizes       event store sizes at which the append rate is measured
 * @param appendUsers      closed-loop concurrency levels at which scenario 5 finds the append path's own peak, at its
 *                         first store size; the larger sizes run at the best of them. Scenario 1's peak concurrency
 *                         is that of the whole engine, bounded by its checkout process: on the command side alone
 *                         (throwaway driver, 2026-12-05) 16 users placed 2,056-2,496 orders/s, 32 users 3,391-3,773,
 *                         64 users 3,498-3,854 and 128 users 5,135-5,856, while 256 users met the admission limit
 *                         (503s) and placed no more
 * @param catalogSize      products in the storefront's generated catalog (issue 4's search target is for 100,000)
 * @param settleLimit      how long a repetition waits for the event processors to catch up with what earlier ones
 *                         left (the checkout process decides orders slower than they are placed); a repetition that
 *                         starts with processors still behind is named in the report's notes
 * @param aotCache         whether engines start from a JDK AOT cache, trained on the run's first use of a jar: the
 *                         training (75-85 s) costs more than the cache saves over quick's three engine starts
 */
public record Profile(String name, int repetitions, Warmup.Plan warmup, Warmup.Plan jvmWarmup, Duration step,
                      Duration slice,
                      Duration baselineStep, List<Integer> users, List<Double> arrivalFractions,
                      double lagFraction, int tailSamples, Duration tailStepLimit, int mixRequests,
                      List<Long> storeSizes, List<Integer> appendUsers,
                      int catalogSize, Duration settleLimit, boolean aotCache) {

    public Profile {
        users = List.copyOf(users);
        arrivalFractions = List.copyOf(arrivalFractions);
        storeSizes = List.copyOf(storeSizes);
        appendUsers = List.copyOf(appendUsers);
        if (appendUsers.isEmpty()) {
            throw new IllegalArgumentException("scenario 5 needs at least one concurrency level");
        }
    }

    public static final Profile QUICK = new Profile("quick", 5,
            new Warmup.Plan(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)),
            new Warmup.Plan(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)),
            Duration.ofSeconds(1),
            Duration.ofMillis(500), Duration.ofMillis(500), List.of(1, 32), List.of(0.5), 0.5, 100,
            Duration.ofSeconds(5), 640, List.of(0L, 150_000L), List.of(32, 128), 5_000, Duration.ofSeconds(4), false);

    public static final Profile FULL = new Profile("full", 5,
            new Warmup.Plan(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(120)),
            new Warmup.Plan(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(180)),
            Duration.ofSeconds(15),
            Duration.ofSeconds(1), Duration.ofSeconds(10), List.of(1, 2, 4, 8, 16, 32, 64),
            List.of(0.25, 0.5, 0.75, 0.9), 0.5, 1_000, Duration.ofMinutes(1), 6_400,
            List.of(0L, 1_000_000L, 10_000_000L), List.of(16, 32, 64, 128),
            100_000,
            Duration.ofMinutes(2), true);

    public static final Profile SMOKE = new Profile("smoke", 2,
            new Warmup.Plan(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)),
            new Warmup.Plan(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)),
            Duration.ofSeconds(1),
            Duration.ofMillis(250), Duration.ofSeconds(1), List.of(1, 4), List.of(0.5), 0.5, 0,
            Duration.ofSeconds(1), 160, List.of(0L, 20_000L), List.of(4), 2_000, Duration.ofSeconds(5), true);

    /** How long one repetition of an open-model step at {@code rate} per second lasts, its p99 in mind. */
    public Duration tailStep(double rate) {
        var forSamples = Duration.ofMillis(rate <= 0 ? 0 : (long) Math.ceil(tailSamples * 1000.0 / rate));
        var capped = forSamples.compareTo(tailStepLimit) < 0 ? forSamples : tailStepLimit;
        return capped.compareTo(step) > 0 ? capped : step;
    }

    /**
     * The highest of p99, p95, p90, p75 and p50 that {@code samples} latencies a repetition support as well as
     * {@link #tailSamples} support a p99: with as many of them above it. The mix's cart endpoints had about ten
     * requests a one-second repetition, so their "p99" was their largest latency, and two of them missed between
     * two runs of one jar.
     */
    public int percentileFor(double samples) {
        for (var percentile : List.of(99, 95, 90, 75)) {
            if (samples * (100 - percentile) / 100 >= tailSamples / 100.0) {
                return percentile;
            }
        }
        return 50;
    }

    /** The reports' sentence on {@link #tailStep}, ending in a space; empty where the profile lengthens no step. */
    public String tailStepSentence() {
        return tailSamples == 0 ? "" : String.format(Locale.ROOT, "An open-model repetition lasts long enough for "
                + "%,d requests, so that its p99 is not just its largest latency or two, but at most %s s: at a rate "
                + "that low the tables' sample counts say how many it had. ", tailSamples,
                Formats.seconds(tailStepLimit));
    }

    public static Profile named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            case "smoke" -> SMOKE;
            default -> throw new IllegalArgumentException("no profile " + name + ": quick, full or smoke");
        };
    }
}
