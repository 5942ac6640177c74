package io.emporium.bench.figure;

/**
 * A figure as a multiple of the baseline it is judged against, both measured in the same run. The range is the
 * widest the two ranges allow (the figure's best over the baseline's worst and the other way round), so noise in
 * either side shows in the ratio.
 */
public record Comparison(Spread figure, Spread baseline) {

    public double ratio() {
        return figure.median() / baseline.median();
    }

    public double lowest() {
        return figure.min() / baseline.max();
    }

    public double highest() {
        return figure.max() / baseline.min();
    }
}
