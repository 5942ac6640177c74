package io.emporium.bench.figure;

import org.HdrHistogram.Histogram;

/**
 * The percentiles the report shows of one latency histogram, in milliseconds.
 *
 * @param count how many values the histogram holds
 */
public record LatencySummary(long count, double p50, double p95, double p99, double p999, double max) {

    /** Percentile names in report order, with the quantile each stands for. */
    public static final double[] PERCENTILES = {50, 95, 99, 99.9};

    /** @param micros a histogram of values recorded in microseconds */
    public static LatencySummary ofMicros(Histogram micros) {
        return new LatencySummary(micros.getTotalCount(), ms(micros, 50), ms(micros, 95), ms(micros, 99),
                ms(micros, 99.9), micros.getTotalCount() == 0 ? 0 : micros.getMaxValue() / 1000.0);
    }

    /** The value at percentile {@code p} (50, 95, 99 or 99.9), in milliseconds. */
    public double at(double p) {
        if (p == 50) {
            return p50;
        } else if (p == 95) {
            return p95;
        } else if (p == 99) {
            return p99;
        } else if (p == 99.9) {
            return p999;
        }
        throw new IllegalArgumentException("no percentile " + p + " in the summary");
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
