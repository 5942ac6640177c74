package io.emporium.bench.figure;

import java.util.ArrayList;

/** A figure as a multiple of the baseline it is judged against, both measured in the same run. */
public sealed interface Comparison {

    double ratio();

    double lowest();

    double highest();

    /**
     * The baseline measured apart from the figure, on an idle machine before and after the scenarios. Nothing pairs
     * a repetition with a baseline measured at the same time, so the range is the widest the two ranges allow (the
     * figure's best over the baseline's worst and the other way round), and noise in either side shows in it.
     */
    record Apart(Spread figure, Spread baseline) implements Comparison {

        @Override
        public double ratio() {
            return figure.median() / baseline.median();
        }

        @Override
        public double lowest() {
            return figure.min() / baseline.max();
        }

        @Override
        public double highest() {
            return figure.max() / baseline.min();
        }
    }

    /**
     * The baseline measured beside each repetition of the figure, in the same minutes: each repetition is divided by
     * its own baseline, and the ratio is the median of those quotients, its range theirs. When the whole machine
     * slows for a while, both sides of a pair slow together and the quotient keeps what the engine did.
     *
     * @param baseline one value per repetition of {@code figure}, in the same order
     */
    record Beside(Spread figure, Spread baseline) implements Comparison {

        public Beside {
            if (figure.repetitions() != baseline.repetitions()) {
                throw new IllegalArgumentException("a figure of " + figure.repetitions() + " repetitions needs as "
                        + "many baselines beside them, not " + baseline.repetitions());
            }
        }

        public Spread ratios() {
            var ratios = new ArrayList<Double>(figure.repetitions());
            for (var i = 0; i < figure.repetitions(); i++) {
                ratios.add(figure.values().get(i) / baseline.values().get(i));
            }
            return Spread.of(ratios);
        }

        @Override
        public double ratio() {
            return ratios().median();
        }

        @Override
        public double lowest() {
            return ratios().min();
        }

        @Override
        public double highest() {
            return ratios().max();
        }
    }
}
