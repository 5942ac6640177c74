package io.emporium.bench.figure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/** Numbers as the report prints them: few significant digits, thousands grouped, never a locale's decimal comma. */
public final class Formats {

    private Formats() {
    }

    /** Three significant digits below 1000, whole numbers with grouping above: 0.412, 12.3, 8,613. */
    public static String number(double value) {
        var magnitude = Math.abs(value);
        if (magnitude >= 1000 || value == Math.rint(value) && magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A length of time in seconds, as a step or limit is set: "5", "0.500", "1.50". */
    public static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? Long.toString(duration.toSeconds())
                : number(duration.toMillis() / 1000.0);
    }

    /** A ratio: two decimals, three below 0.1. */
    public static String ratio(double value) {
        return Math.abs(value) < 0.1 ? String.format(Locale.ROOT, "%.3f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A relative spread as a percentage: 0.043 → "4.3 %". */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /** Values in their order, each formatted: "1.2 / 3.4 / 5.6". */
    public static String joined(List<Double> values, DoubleFunction<String> format) {
        return values.stream().map(value -> format.apply(value)).collect(Collectors.joining(" / "));
    }

    /** The median with its range: "8,613 (8,402–8,790, ±2.2 %)"; one repetition shows no range. */
    public static String spread(Spread spread) {
        if (spread.repetitions() == 1) {
            return number(spread.median());
        }
        return number(spread.median()) + " (" + number(spread.min()) + "–" + number(spread.max()) + ", ±"
                + percent(spread.relative() / 2) + ")";
    }
}
