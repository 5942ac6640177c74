package io.emporium.bench.report;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Figure;
import io.emporium.bench.scenario.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, ready to report.
 *
 * @param baselines the machine limits that were measured; one that failed is missing, and said so in notes
 * @param notes     what the reader should know about this run, such as settings changed for it or failures
 */
public record RunResults(String profile, int repetitions, Instant started, Duration took, Machine machine,
                         Map<Baseline, Figure> baselines, List<Outcome> scenarios, List<String> notes) {

    public RunResults {
        baselines = baselines.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(baselines));
        scenarios = List.copyOf(scenarios);
        notes = List.copyOf(notes);
    }
}
