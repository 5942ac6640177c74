package io.emporium.bench.scenario;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Comparison;
import io.emporium.bench.figure.Figure;
import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.figure.Target;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A figure the summary shows: its value over the repetitions, the baseline it is a multiple of, and the target an
 * issue sets for it.
 *
 * @param baselineBeside the baseline as measured beside each of the value's repetitions, in their order, where the
 *                       scenario measured it so; the ratio then pairs each repetition with its own
 */
public record Headline(String name, String unit, Spread value, @Nullable Baseline baseline,
                       @Nullable Target target, @Nullable Spread baselineBeside) {

    public Headline(String name, String unit, Spread value, @Nullable Baseline baseline, @Nullable Target target) {
        this(name, unit, value, baseline, target, null);
    }

    public static Headline of(String name, String unit, Spread value) {
        return new Headline(name, unit, value, null, null);
    }

    /**
     * Each repetition beside its own baseline, and the ratio of each pair, for the report's notes: "{name}, by round,
     * against {against} beside it: 5,126 / 5,398 orders/s over 5,650 / 6,972 commits/s = 0.91 / 0.77×."
     */
    public String byRound(String against, String baselineUnit) {
        var beside = new Comparison.Beside(value, Objects.requireNonNull(baselineBeside,
                () -> name + " has no baseline measured beside its rounds"));
        return String.format(Locale.ROOT, "%s, by round, against %s beside it: %s %s over %s %s = %s×.", name, against,
                Formats.joined(beside.figure().values(), Formats::number), unit,
                Formats.joined(beside.baseline().values(), Formats::number), baselineUnit,
                Formats.joined(beside.ratios().values(), Formats::ratio));
    }

    /** The value against its baseline: beside each repetition where the scenario measured it so, else apart. */
    public Comparison comparedWith(Figure measuredApart) {
        return baselineBeside == null ? new Comparison.Apart(value, measuredApart.spread())
                : new Comparison.Beside(value, baselineBeside);
    }
}
