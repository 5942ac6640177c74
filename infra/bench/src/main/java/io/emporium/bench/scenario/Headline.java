package io.emporium.bench.scenario;

import io.emporium.bench.figure.Baseline;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.figure.Target;
import org.jspecify.annotations.Nullable;

/**
 * A figure the summary shows: its value over the repetitions, the baseline it is a multiple of, and the target an
 * issue sets for it.
 */
public record Headline(String name, String unit, Spread value, @Nullable Baseline baseline,
                       @Nullable Target target) {

    public static Headline of(String name, String unit, Spread value) {
        return new Headline(name, unit, value, null, null);
    }
}
