package io.emporium.bench.scenario;

import java.util.List;

/**
 * Steps that vary one setting, measured the same way: a table and two charts in the report.
 *
 * @param key            file-name stem of the series' charts
 * @param settingName    what the steps vary, such as "users"
 * @param throughputUnit what is counted per second, such as "orders/s"
 * @param latencyName    what the percentiles measure, such as "latency" or "lag"
 * @param openModel      true if latencies count from the intended send time (corrected for coordinated omission)
 */
public record Series(String key, String title, String settingName, String throughputUnit, String latencyName,
                     boolean openModel, List<Step> steps) {

    public Series {
        steps = List.copyOf(steps);
    }

    /**
     * False for steps that count work done, such as the events of a replay job, without timing single requests:
     * their report shows no percentiles, which would all read zero.
     */
    public boolean timed() {
        return steps.stream().flatMap(step -> step.runs().stream())
                .anyMatch(run -> run.latencyMicros().getTotalCount() > 0);
    }
}
