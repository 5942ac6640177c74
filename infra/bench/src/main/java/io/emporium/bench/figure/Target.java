package io.emporium.bench.figure;

import java.util.Locale;

/**
 * A performance goal from an issue, and whether a measured range meets it.
 *
 * @param issue the issue that sets the goal, such as 3
 */
public sealed interface Target {

    int issue();

    /** The goal in words, such as "≥ 0.6× baseline". */
    String describe();

    /** At least this multiple of the figure's baseline; judged on the ratio's range. */
    record AtLeastRatio(double ratio, int issue) implements Target {
        @Override
        public String describe() {
            return String.format(Locale.ROOT, "≥ %s× baseline", Formats.ratio(ratio));
        }

        public Verdict judge(Comparison comparison) {
            return Target.judge(comparison.lowest() >= ratio, comparison.highest() >= ratio);
        }
    }

    /** At most this value, in the figure's own unit (a latency ceiling). */
    record AtMost(double value, String unit, int issue) implements Target {
        @Override
        public String describe() {
            return "≤ " + Formats.number(value) + " " + unit;
        }

        public Verdict judge(Spread figure) {
            return Target.judge(figure.max() <= value, figure.min() <= value);
        }
    }

    /** At least this value, in the figure's own unit (a throughput floor). */
    record AtLeast(double value, String unit, int issue) implements Target {
        @Override
        public String describe() {
            return "≥ " + Formats.number(value) + " " + unit;
        }

        public Verdict judge(Spread figure) {
            return Target.judge(figure.min() >= value, figure.max() >= value);
        }
    }

    private static Verdict judge(boolean everyRepetitionMeetsIt, boolean someRepetitionMeetsIt) {
        return everyRepetitionMeetsIt ? Verdict.MET : someRepetitionMeetsIt ? Verdict.WITHIN_NOISE : Verdict.NOT_MET;
    }
}
