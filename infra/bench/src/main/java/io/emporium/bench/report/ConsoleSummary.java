package io.emporium.bench.report;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Formats;
import java.nio.file.Path;
import java.util.Locale;

/** The few lines printed at the end of a run: baselines, every summary row, and where the report is. */
public final class ConsoleSummary {

    private ConsoleSummary() {
    }

    public static String of(RunResults results, Path report) {
        var text = new StringBuilder();
        text.append("Emporium benchmark, profile ").append(results.profile()).append(", ")
                .append(results.repetitions()).append(" repetitions per figure, took ")
                .append(MarkdownReport.minutes(results.took())).append('\n');
        text.append("Machine: ").append(results.machine().cores()).append(" cores, ")
                .append(String.format(Locale.ROOT, "%.1f GiB",
                        results.machine().memoryBytes() / 1073741824.0))
                .append(", ").append(results.machine().jvm()).append(", PostgreSQL ")
                .append(results.machine().postgresVersion()).append(" (")
                .append(results.machine().postgresSettingsText()).append(")\n");
        text.append("Baselines (median, range, ±half-range):\n");
        for (var baseline : Baseline.values()) {
            var figure = results.baselines().get(baseline);
            if (figure != null) {
                text.append("  ").append(figure.name()).append(": ").append(Formats.spread(figure.spread()))
                        .append(' ').append(figure.unit()).append('\n');
            }
        }
        var bare = results.baselines().get(Baseline.BARE_WEBFLUX);
        var peak = MarkdownReport.placeOrderPeak(results);
        if (bare != null && peak > 0) {
            text.append("Load generator: ").append(Formats.number(bare.spread().median()))
                    .append(" requests/s against the bare endpoint, ")
                    .append(Formats.number(bare.spread().median() / peak))
                    .append("× the PlaceOrder peak: not the bottleneck\n");
        }
        text.append("Scenarios:\n");
        for (var row : SummaryRow.of(results)) {
            text.append("  ").append(row.scenario()).append(". ").append(row.figure()).append(": ").append(row.value());
            if (!row.ratio().isEmpty()) {
                text.append(" = ").append(row.ratio()).append(" of ").append(row.baseline());
            }
            if (!row.target().isEmpty()) {
                text.append("; target ").append(row.target());
                if (!row.verdict().isEmpty()) {
                    text.append(": ").append(row.verdict().toUpperCase(Locale.ROOT));
                }
            }
            text.append('\n');
        }
        results.notes().forEach(note -> text.append("Note: ").append(note).append('\n'));
        var directory = report.toAbsolutePath().getParent();
        if (directory != null) {
            Reproduction.withPrevious(results, directory).ifPresent(comparison ->
                    text.append(Reproduction.line(comparison)));
        }
        text.append("Report: ").append(report.toAbsolutePath()).append('\n');
        return text.toString();
    }
}
