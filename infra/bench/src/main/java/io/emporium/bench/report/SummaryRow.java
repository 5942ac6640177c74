package io.emporium.bench.report;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Comparison;
import io.emporium.bench.figure.Figure;
import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Target;
import io.emporium.bench.scenario.Headline;
import io.emporium.bench.scenario.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of the summary: a figure next to its baseline, the ratio between them, and the target an issue sets.
 * Scenarios not measurable yet and failed ones get a line too, so the summary always lists all six.
 */
public record SummaryRow(String scenario, String figure, String value, String baseline, String ratio,
                         String target, String verdict) {

    /** Issue 5's replay floor: absolute, and as a fraction of the raw sequential read. */
    static final double REPLAY_FLOOR = 100_000;
    static final double REPLAY_RATIO = 0.25;

    public static List<SummaryRow> of(RunResults results) {
        var rows = new ArrayList<SummaryRow>();
        for (var outcome : results.scenarios()) {
            var scenario = Integer.toString(outcome.number());
            switch (outcome) {
                case Outcome.Measured measured -> measured.result().headlines()
                        .forEach(headline -> rows.add(row(scenario, headline, results.baselines())));
                case Outcome.NotYetMeasurable pending -> rows.add(pending(scenario, pending, results.baselines()));
                case Outcome.Failed failed -> rows.add(new SummaryRow(scenario, failed.title(),
                        "failed: " + failed.error(), "", "", "", ""));
            }
        }
        return rows;
    }

    static SummaryRow row(String scenario, Headline headline, Map<Baseline, Figure> baselines) {
        var value = Formats.spread(headline.value()) + " " + headline.unit();
        var baseline = headline.baseline() == null ? null : baselines.get(headline.baseline());
        var comparison = baseline == null ? null : headline.comparedWith(baseline);
        var baselineText = headline.baseline() == null ? "" : switch (comparison) {
            case null -> "not measured";
            case Comparison.Apart apart -> Formats.number(apart.baseline().median()) + " " + baseline.unit()
                    + " (" + baseline.name() + ")";
            case Comparison.Beside beside -> Formats.number(beside.baseline().median()) + " " + baseline.unit()
                    + " (" + baseline.name() + ", measured beside each repetition)";
        };
        var ratio = switch (comparison) {
            case null -> "";
            case Comparison.Apart apart -> ratioText(apart);
            case Comparison.Beside beside -> ratioText(beside) + " by repetition (apart: " + ratioText(
                    new Comparison.Apart(headline.value(), baseline.spread())) + ")";
        };
        var target = headline.target();
        var targetText = target == null ? "" : target.describe() + " (issue " + target.issue() + ")";
        var verdict = target == null ? "" : switch (target) {
            case Target.AtLeastRatio atLeastRatio -> comparison == null ? "no baseline"
                    : atLeastRatio.judge(comparison).toString();
            case Target.AtMost atMost -> atMost.judge(headline.value()).toString();
            case Target.AtLeast atLeast -> atLeast.judge(headline.value()).toString();
        };
        return new SummaryRow(scenario, headline.name(), value, baselineText, ratio, targetText, verdict);
    }

    private static String ratioText(Comparison comparison) {
        return Formats.ratio(comparison.ratio()) + "× (" + Formats.ratio(comparison.lowest()) + "–"
                + Formats.ratio(comparison.highest()) + ")";
    }

    private static SummaryRow pending(String scenario, Outcome.NotYetMeasurable pending,
                                      Map<Baseline, Figure> baselines) {
        var value = "not yet measurable (needs " + pending.needs() + ")";
        if (pending.number() != 4) {
            return new SummaryRow(scenario, pending.title(), value, "", "", "", "");
        }
        var read = baselines.get(Baseline.EVENT_TABLE_READ);
        var floor = read == null ? REPLAY_FLOOR : Math.max(REPLAY_FLOOR, REPLAY_RATIO * read.spread().median());
        return new SummaryRow(scenario, pending.title(), value,
                read == null ? "not measured" : Formats.number(read.spread().median()) + " " + read.unit() + " ("
                        + read.name() + ")", "",
                "≥ " + Formats.number(REPLAY_FLOOR) + " events/s and ≥ " + Formats.ratio(REPLAY_RATIO)
                        + "× baseline, so ≥ " + Formats.number(floor) + " events/s here (issue 5)", "");
    }
}
