package io.emporium.bench.report;

import io.emporium.bench.cpu.CpuUse;
import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.LatencySummary;
import io.emporium.bench.load.OpenLoop;
import io.emporium.bench.scenario.Outcome;
import io.emporium.bench.scenario.Series;
import io.emporium.bench.scenario.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes report.md and its charts into one run's results directory. */
public final class MarkdownReport {

    public static final String FILE = "report.md";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private MarkdownReport() {
    }

    /** @return the report file */
    public static Path write(RunResults results, Path directory) throws IOException {
        Files.createDirectories(directory);
        var md = new StringBuilder();
        header(md, results);
        machine(md, results.machine());
        summary(md, results);
        Reproduction.withPrevious(results, directory).ifPresent(comparison -> Reproduction.section(md, comparison));
        baselines(md, results);
        for (var outcome : results.scenarios()) {
            scenario(md, outcome, directory);
        }
        notes(md, results);
        var file = directory.resolve(FILE);
        Files.writeString(file, md, StandardCharsets.UTF_8);
        Reproduction.record(results, directory);
        return file;
    }

    private static void header(StringBuilder md, RunResults results) {
        md.append("# Emporium benchmark report\n\n");
        md.append("Profile **").append(results.profile()).append("**, started ")
                .append(WHEN.format(results.started())).append(", took ").append(minutes(results.took()))
                .append(". Each figure is the median of ").append(results.repetitions())
                .append(" repetitions; the range in brackets is the lowest and highest repetition, and ±x % is half ")
                .append("that range relative to the median: the noise of this run. ")
                .append(medianConfidence(results.repetitions()))
                .append("A rerun whose median falls inside the range reproduces the figure. Ratios divide a figure ")
                .append("by a baseline measured in the same run; their range combines both ranges, except where a ")
                .append("scenario measured the baseline beside each repetition: there each repetition is divided by ")
                .append("its own, and the range is that of the quotients.\n\n");
    }

    /**
     * What the range says of the figure: each repetition falls below the true median with probability one half,
     * so all of them fall on one side of it with probability 2^(1-n).
     */
    static String medianConfidence(int repetitions) {
        return repetitions < 2 ? "" : String.format(Locale.ROOT, "With %d independent repetitions the range holds "
                + "the figure's true median with probability 1 − 2^(1−%d) = %.0f %%. ", repetitions, repetitions,
                100 * (1 - Math.pow(2, 1 - repetitions)));
    }

    private static void machine(StringBuilder md, Machine machine) {
        md.append("## Machine\n\n| | |\n| --- | --- |\n");
        md.append("| CPU | ").append(machine.cores()).append(" cores, ").append(machine.cpuModel()).append(" |\n");
        md.append("| Memory | ").append(String.format(Locale.ROOT, "%.1f GiB", machine.memoryBytes() / 1073741824.0))
                .append(" |\n");
        md.append("| OS | ").append(machine.os()).append(" |\n");
        md.append("| JVM (suite and engine) | ").append(machine.jvm()).append(" |\n");
        md.append("| PostgreSQL | ").append(machine.postgresVersion()).append(": ")
                .append(machine.postgresSettingsText()).append(" |\n");
        md.append("| Kafka | ").append(machine.kafkaVersion()).append(", one KRaft broker |\n");
        md.append("| Elasticsearch | ").append(machine.elasticsearchVersion()).append(", one node |\n");
        md.append("| Engine | ").append(machine.engine()).append(" |\n\n");
    }

    private static void summary(StringBuilder md, RunResults results) {
        md.append("## Summary\n\n| # | Figure | Value | Baseline | Ratio | Target | Verdict |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (var row : SummaryRow.of(results)) {
            md.append("| ").append(row.scenario()).append(" | ").append(row.figure()).append(" | ")
                    .append(row.value()).append(" | ").append(row.baseline()).append(" | ").append(row.ratio())
                    .append(" | ").append(row.target()).append(" | ").append(row.verdict()).append(" |\n");
        }
        md.append('\n');
    }

    private static void baselines(StringBuilder md, RunResults results) {
        md.append("## Baselines\n\nMeasured in this run, on the same servers and the same load generator as the ")
                .append("scenarios.\n\n| Baseline | Value | How |\n| --- | --- | --- |\n");
        for (var baseline : Baseline.values()) {
            var figure = results.baselines().get(baseline);
            if (figure != null) {
                md.append("| ").append(figure.name()).append(" | ").append(Formats.spread(figure.spread()))
                        .append(' ').append(figure.unit()).append(" | ").append(figure.method()).append(" |\n");
            }
        }
        md.append('\n');
        var bare = results.baselines().get(Baseline.BARE_WEBFLUX);
        if (bare != null) {
            md.append("The load generator's own ceiling is the bare endpoint figure: it sent and received ")
                    .append(Formats.number(bare.spread().median()))
                    .append(" requests/s there, on the same two cores as its target. ");
            var peak = placeOrderPeak(results);
            if (peak > 0) {
                md.append("That is ").append(Formats.number(bare.spread().median() / peak))
                        .append("× the PlaceOrder peak, so the generator does not limit the engine's figures.");
            }
            md.append("\n\n");
        }
    }

    private static void scenario(StringBuilder md, Outcome outcome, Path directory) throws IOException {
        md.append("## Scenario ").append(outcome.number()).append(": ").append(outcome.title()).append("\n\n");
        switch (outcome) {
            case Outcome.NotYetMeasurable pending ->
                    md.append("Not yet measurable (needs ").append(pending.needs()).append(").\n\n");
            case Outcome.Failed failed -> md.append("**Failed**: ").append(failed.error()).append("\n\n");
            case Outcome.Measured measured -> {
                var result = measured.result();
                md.append(result.method()).append("\n\n");
                for (var series : result.series()) {
                    series(md, series, directory);
                }
                for (var note : result.notes()) {
                    md.append("- ").append(note).append('\n');
                }
                if (!result.notes().isEmpty()) {
                    md.append('\n');
                }
            }
        }
    }

    static void series(StringBuilder md, Series series, Path directory) throws IOException {
        md.append("### ").append(series.title()).append("\n\n");
        var name = series.latencyName();
        var timed = series.timed();
        md.append("| ").append(series.settingName()).append(" | ").append(series.throughputUnit())
                .append(timed ? " | " + name + " p50 ms | p95 ms | p99 ms | p99.9 ms | max ms" : "")
                .append(" | samples | failures")
                .append(series.openModel() ? " | max send lag ms" : "")
                .append(" | CPU cores: engine (its JIT; its threads waiting for a core) / PostgreSQL / other servers / ")
                .append("generator / other |\n");
        md.append("| --- ".repeat(5 + (timed ? 5 : 0) + (series.openModel() ? 1 : 0))).append("|\n");
        for (var step : series.steps()) {
            md.append("| ").append(step.label()).append(" | ").append(Formats.spread(step.throughput()));
            if (timed) {
                for (var percentile : LatencySummary.PERCENTILES) {
                    md.append(" | ").append(Formats.spread(step.percentile(percentile)));
                }
                md.append(" | ").append(Formats.number(step.runs().stream()
                        .mapToDouble(run -> LatencySummary.ofMicros(run.latencyMicros()).max()).max().orElse(0)));
            }
            md.append(" | ").append(String.format(Locale.ROOT, "%,d", step.succeeded()));
            md.append(" | ").append(failures(step));
            if (series.openModel()) {
                md.append(" | ").append(Formats.number(step.maxSendLagMs()));
            }
            md.append(" | ").append(cpu(step.cpu())).append(" |\n");
        }
        md.append('\n');
        if (series.openModel()) {
            md.append("Latencies count from each request's intended send time (corrected for coordinated ")
                    .append("omission). The send lag is how late the generator sent its latest request; above ")
                    .append(String.format(Locale.ROOT, "%,.0f requests/s up to %s ms of it is by design, as the ",
                            1e9 / OpenLoop.TICK_NANOS, Formats.number(OpenLoop.TICK_NANOS / 1e6)))
                    .append("sender wakes once in that long and sends every request then due.\n\n");
        }
        var files = Charts.draw(series, directory);
        if (files.latency() != null) {
            md.append("![").append(series.title()).append(": ").append(name).append(" over time](")
                    .append(files.latency()).append(")\n");
        }
        md.append("![").append(series.title()).append(": throughput](").append(files.throughput()).append(")\n\n");
    }

    private static String failures(Step step) {
        var failures = step.failures();
        if (failures.isEmpty()) {
            return "0";
        }
        return failures.entrySet().stream().map(entry -> String.format(Locale.ROOT, "%,d %s", entry.getValue(),
                entry.getKey())).collect(Collectors.joining(", "));
    }

    private static String cpu(CpuUse cpu) {
        if (cpu.seconds() == 0) {
            return "";
        }
        return cpu.columns();
    }

    private static void notes(StringBuilder md, RunResults results) {
        if (results.notes().isEmpty()) {
            return;
        }
        md.append("## Notes on this run\n\n");
        results.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        md.append('\n');
    }

    /** The best median closed-loop PlaceOrder rate of scenario 1, or 0 if it has none. */
    static double placeOrderPeak(RunResults results) {
        return results.scenarios().stream().filter(Outcome.Measured.class::isInstance)
                .map(outcome -> ((Outcome.Measured) outcome).result()).filter(result -> result.number() == 1)
                .findFirst().flatMap(result -> result.series().getFirst().steps().stream()
                        .map(step -> step.throughput().median()).max(Double::compare))
                .orElse(0.0);
    }

    static String minutes(Duration took) {
        return took.toMinutes() + " min " + took.toSecondsPart() + " s";
    }
}
