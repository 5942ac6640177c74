package io.emporium.bench.scenario;

import io.emporium.bench.cpu.CpuUse;
import io.emporium.bench.figure.LatencySummary;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.load.LoadRun;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every repetition of one load step at one setting, such as 16 users or 120 orders/s.
 *
 * @param label how the report names the setting
 * @param cpu   average cores used during the repetitions
 */
public record Step(String label, double setting, List<LoadRun> runs, CpuUse cpu) {

    public Step {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a step needs at least one repetition");
        }
    }

    public Spread throughput() {
        return Spread.of(runs.stream().map(LoadRun::throughput).toList());
    }

    /** The spread of one latency percentile over the repetitions, in milliseconds. */
    public Spread percentile(double percentile) {
        return Spread.of(runs.stream().map(run -> LatencySummary.ofMicros(run.latencyMicros()).at(percentile))
                .toList());
    }

    public long succeeded() {
        return runs.stream().mapToLong(LoadRun::succeeded).sum();
    }

    /** Failures of all repetitions together, by reason. */
    public Map<String, Long> failures() {
        var failures = new TreeMap<String, Long>();
        runs.forEach(run -> run.failed().forEach((reason, count) -> failures.merge(reason, count, Long::sum)));
        return failures;
    }

    public double maxSendLagMs() {
        return runs.stream().mapToDouble(LoadRun::maxSendLagMs).max().orElse(0);
    }
}
