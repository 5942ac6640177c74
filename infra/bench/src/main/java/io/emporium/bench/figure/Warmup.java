package io.emporium.bench.figure;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Load before measuring, until the rate has settled: a JVM (the engine's, the endpoint's, the generator's own) is
 * several times faster once its code is compiled, and a fixed warm-up is either too short for a cold engine or
 * wasted on a warm one. Short windows run until {@link #AGREEING} in a row agree within a tolerance (a JIT often
 * pauses on a plateau before its next tier), after a minimum and never beyond a maximum.
 */
public final class Warmup {

    /** Windows in a row whose rates lie within {@link #TOLERANCE} of the highest of them count as settled. */
    public static final int AGREEING = 3;
    public static final double TOLERANCE = 0.10;

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
     * How a warm-up runs: windows of one length, at least {@code minimum} and at most {@code maximum} of load.
     */
    public record Plan(Duration window, Duration minimum, Duration maximum) {

        /** @param load runs load for the given time and returns its rate */
        public Result run(ToDoubleFunction<Duration> load) {
            return untilSettled(() -> load.applyAsDouble(window), window, minimum, maximum);
        }
    }

    /**
     * @param window  runs one window of load and returns its rate
     * @param length  one window's length
     * @param minimum load at least this long, however early the rate settles
     * @param maximum load at most this long, settled or not
     */
    public static Result untilSettled(DoubleSupplier window, Duration length, Duration minimum, Duration maximum) {
        var least = Math.max(AGREEING, (int) Math.ceil(minimum.toNanos() / (double) length.toNanos()));
        var most = Math.max(least, (int) (maximum.toNanos() / length.toNanos()));
        var recent = new ArrayDeque<Double>();
        var windows = 0;
        var rate = 0.0;
        while (windows < most) {
            rate = window.getAsDouble();
            windows++;
            recent.addLast(rate);
            if (recent.size() > AGREEING) {
                recent.removeFirst();
            }
            if (windows >= least && agree(recent)) {
                return new Result(windows, windows * length.toNanos() / 1e9, true, rate);
            }
        }
        return new Result(windows, windows * length.toNanos() / 1e9, false, rate);
    }

    private static boolean agree(ArrayDeque<Double> recent) {
        if (recent.size() < AGREEING) {
            return false;
        }
        var highest = recent.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        var lowest = recent.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return highest > 0 && highest - lowest <= TOLERANCE * highest;
    }
}
