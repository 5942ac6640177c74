package io.emporium.bench.load;

/**
 * When each request of an open-model load is meant to be sent: evenly spaced at a fixed rate, whatever the server
 * does. Latency is measured from these moments, not from when a request actually left; a request that left late
 * because everything before it was slow thus counts its wait, which is what its user would have seen.
 *
 * @param start      the intended send time of request 0, in {@link NanoClock} nanoseconds
 * @param perSecond  the arrival rate
 */
public record ArrivalSchedule(long start, double perSecond) {

    public ArrivalSchedule {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("an arrival rate must be positive: " + perSecond);
        }
    }

    /** The intended send time of request {@code index}. */
    public long intendedSend(long index) {
        return start + Math.round(index * 1e9 / perSecond);
    }

    /** How many requests fall within {@code seconds} of the start. */
    public long count(double seconds) {
        return (long) Math.floor(seconds * perSecond);
    }

    /**
     * The latency a request scheduled at {@code index} has when it completes at {@code completed}, in microseconds,
     * counted from its intended send time.
     */
    public long latencyMicros(long index, long completed) {
        return Math.max(0, (completed - intendedSend(index)) / 1000);
    }
}
