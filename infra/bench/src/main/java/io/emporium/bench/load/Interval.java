package io.emporium.bench.load;

/**
 * One slice of a timeline: what completed within it, and the percentiles of those completions.
 *
 * @param at      seconds since the suite started, at the end of the slice
 * @param seconds the slice's length
 * @param count   completions in the slice
 */
public record Interval(double at, double seconds, long count, double p50, double p99, double p999, double max) {

    /** Completions per second within the slice. */
    public double rate() {
        return seconds == 0 ? 0 : count / seconds;
    }
}
