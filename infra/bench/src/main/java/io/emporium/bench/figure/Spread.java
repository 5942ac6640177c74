package io.emporium.bench.figure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the repetitions of one figure say together: the median is the figure, the range is the noise this run
 * observed. A rerun whose median falls inside that range reproduces the figure; one outside it has moved.
 *
 * @param values every repetition's value, in the order measured
 */
public record Spread(double median, double min, double max, List<Double> values) {

    public Spread {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one repetition");
        }
    }

    public static Spread of(List<Double> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        var n = sorted.size();
        if (n == 0) {
            throw new IllegalArgumentException("a figure needs at least one repetition");
        }
        var median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.getFirst(), sorted.getLast(), values);
    }

    public static Spread of(double... values) {
        var list = new ArrayList<Double>(values.length);
        for (var value : values) {
            list.add(value);
        }
        return of(list);
    }

    /**
     * One value per round from a baseline measured before the first round and after each: the mean of the two
     * measurements either side of the round, so that each round is compared with the machine as it was around it.
     */
    public static Spread besideRounds(List<Double> measurements) {
        if (measurements.size() < 2) {
            throw new IllegalArgumentException("rounds need a measurement on either side, got " + measurements.size());
        }
        var perRound = new ArrayList<Double>(measurements.size() - 1);
        for (var i = 1; i < measurements.size(); i++) {
            perRound.add((measurements.get(i - 1) + measurements.get(i)) / 2);
        }
        return of(perRound);
    }

    /** The width of the range relative to the median: 0.1 means the repetitions lay within 10 % of each other. */
    public double relative() {
        return median == 0 ? 0 : (max - min) / Math.abs(median);
    }

    public int repetitions() {
        return values.size();
    }

    /** Every value scaled by the same factor, as when turning microseconds into milliseconds. */
    public Spread times(double factor) {
        return Spread.of(values.stream().map(value -> value * factor).toList());
    }
}
