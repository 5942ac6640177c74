package io.emporium.bench.figure;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Load before measuring, until the rate has settled: a JVM (the engine's, the endpoint's, the generator's own) is
 * several times faster once its code is compiled, and a fixed warm-up is either too short for a cold engine or
 * wasted on a warm one. Short windows run until {@link #AGREEING} in a row agree within a tolerance (a JIT often
 * pauses on a plateau before its next tier), after a minimum and never beyond a maximum.
 *
 * <p>An open model offers its rate from its first window, so its rates agree at once; what settles there is the
 * latency, and its windows must also agree on their p99 within a factor of {@link #P99_FACTOR}.
 */
public final class Warmup {

    /** Windows in a row whose rates lie within {@link #TOLERANCE} of the highest of them count as settled. */
    public static final int AGREEING = 3;
    public static final double TOLERANCE = 0.10;
    /**
     * Windows in a row whose p99s lie within this factor of each other have settled. In the open warm-ups of four
     * full runs on 2026-12-07, the last three 5 s windows varied by a factor of 1.05-1.4 where the machine was
     * steady (2.7-3.7 ms of product pages, 24.7-28.9 and 29.7-31.3 ms of searches), and by 4.6 where the first
     * round came while it was not (537 / 58.9 / 12.7 / 23.8 ms, the bare endpoint at 40.2 ms just after; report
     * 20261207-131308, issue 4's note of the fiftieth session).
     */
    public static final double P99_FACTOR = 2.0;

    private Warmup() {
    }

    /**
     * What a warm-up did.
     *
     * @param seconds the windows' nominal length together
     * @param settled false if the maximum ended it before two windows agreed
     */
    public record Result(int windows, double seconds, boolean settled, double lastRate) {

        /** For the report: "warm after 14 s (7 windows of 2 s)". */
        public String describe(Duration window) {
            return (settled ? "settled" : "not settled") + " after " + Formats.number(seconds) + " s ("
                    + windows + " windows of " + Formats.number(window.toMillis() / 1000.0) + " s, last "
                    + Formats.number(lastRate) + "/s)";
        }
    }

    /**
     * What one window of an open model measured.
     *
     * @param rate      the requests it completed a second
     * @param p99Millis its 99th percentile latency
     */
    public record Window(double rate, double p99Millis) {
    }

    /**
     * How a warm-up runs: windows of one length, at least {@code minimum} and at most {@code maximum} of load.
     */
    public record Plan(Duration window, Duration minimum, Duration maximum) {

        /** @param load runs load for the given time and returns its rate */
        public Result run(ToDoubleFunction<Duration> load) {
            return untilSettled(() -> load.applyAsDouble(window), window, minimum, maximum);
        }

        /** @param load runs an open model for the given time and returns what the window measured */
        public Result runOpen(Function<Duration, Window> load) {
            return untilSteady(() -> load.apply(window), window, minimum, maximum);
        }
    }

    /**
     * @param window  runs one window of load and returns its rate
     * @param length  one window's length
     * @param minimum load at least this long, however early the rate settles
     * @param maximum load at most this long, settled or not
     */
    public static Result untilSettled(DoubleSupplier window, Duration length, Duration minimum, Duration maximum) {
        return untilSteady(() -> new Window(window.getAsDouble(), Double.NaN), length, minimum, maximum);
    }

    /**
     * As {@link #untilSettled}, for windows that also measure a p99 that must settle; a window whose p99 is NaN
     * (a closed loop's) is judged by its rate alone.
     */
    public static Result untilSteady(Supplier<Window> window, Duration length, Duration minimum,
                                     Duration maximum) {
        var least = Math.max(AGREEING, (int) Math.ceil(minimum.toNanos() / (double) length.toNanos()));
        var most = Math.max(least, (int) (maximum.toNanos() / length.toNanos()));
        var recent = new ArrayDeque<Window>();
        var windows = 0;
        var rate = 0.0;
        while (windows < most) {
            var measured = window.get();
            rate = measured.rate();
            windows++;
            recent.addLast(measured);
            if (recent.size() > AGREEING) {
                recent.removeFirst();
            }
            if (windows >= least && agree(recent)) {
                return new Result(windows, windows * length.toNanos() / 1e9, true, rate);
            }
        }
        return new Result(windows, windows * length.toNanos() / 1e9, false, rate);
    }

    private static boolean agree(ArrayDeque<Window> recent) {
        if (recent.size() < AGREEING) {
            return false;
        }
        var rates = recent.stream().mapToDouble(Window::rate).summaryStatistics();
        var p99s = recent.stream().mapToDouble(Window::p99Millis).summaryStatistics();
        var ratesAgree = rates.getMax() > 0 && rates.getMax() - rates.getMin() <= TOLERANCE * rates.getMax();
        // NaN, a closed loop's p99, makes the statistics NaN: such windows are judged by their rate alone.
        var p99sAgree = Double.isNaN(p99s.getMax()) || p99s.getMax() <= P99_FACTOR * p99s.getMin();
        return ratesAgree && p99sAgree;
    }
}
