package io.emporium.bench.load;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One repetition of a load step.
 *
 * @param setting         what was varied: the number of users, the arrival rate, the store size
 * @param succeeded       requests answered with the expected status
 * @param failed          requests that failed or got another status, by reason (status code or exception)
 * @param seconds         from the first send to the last completion
 * @param latencyMicros   the latencies of successful requests
 * @param timeline        the same latencies slice by slice, in order
 * @param maxSendLagMs    how late the generator sent its latest request (open model); above 1,000 requests/s up
 *                        to {@link OpenLoop#TICK_NANOS} of it is the sender's batching, more means the generator
 *                        itself could not keep the rate
 */
public record LoadRun(double setting, long succeeded, Map<String, Long> failed, double seconds,
                      Histogram latencyMicros, List<Interval> timeline, double maxSendLagMs) {

    public LoadRun {
        failed = Map.copyOf(failed);
        timeline = List.copyOf(timeline);
    }

    /** Successful requests per second. */
    public double throughput() {
        return seconds == 0 ? 0 : succeeded / seconds;
    }

    public long failures() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }
}
