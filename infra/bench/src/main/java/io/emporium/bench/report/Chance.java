package io.emporium.bench.report;

import java.util.OptionalDouble;

/**
 * How often the reproduction test fails for a figure that did not change: noise alone. If every repetition of both
 * runs is an independent draw from one distribution, every order of their values is equally likely, whatever the
 * distribution; the chance of a miss is the share of orders in which each run's median lies outside the other's
 * range. Three repetitions a run miss 20 % of the time (4 of 20 orders), five 4.8 % (12 of 252), seven 1.2 %.
 */
final class Chance {

    /** Enumerating the orders of more values than this would take longer than the run it reports on. */
    private static final int MAX_VALUES = 24;

    private Chance() {
    }

    /**
     * The chance that runs of {@code first} and {@code second} repetitions of an unchanged figure miss the test;
     * empty for an even count, whose median is the mean of two values and so not decided by their order alone.
     */
    static OptionalDouble ofMiss(int first, int second) {
        if (first < 1 || second < 1 || first % 2 == 0 || second % 2 == 0 || first + second > MAX_VALUES) {
            return OptionalDouble.empty();
        }
        var values = first + second;
        long orders = 0;
        long misses = 0;
        // Each bit pattern with `first` ones places the first run's values among all values in ascending order.
        for (long places = (1L << first) - 1; places < 1L << values; places = nextWithSameOnes(places)) {
            orders++;
            if (misses(places, first, second, values)) {
                misses++;
            }
        }
        return OptionalDouble.of((double) misses / orders);
    }

    private static boolean misses(long places, int first, int second, int values) {
        var firstRanks = new int[first];
        var secondRanks = new int[second];
        int seenFirst = 0;
        int seenSecond = 0;
        for (var rank = 0; rank < values; rank++) {
            if ((places >>> rank & 1) == 1) {
                firstRanks[seenFirst++] = rank;
            } else {
                secondRanks[seenSecond++] = rank;
            }
        }
        return !medianWithin(secondRanks, firstRanks) && !medianWithin(firstRanks, secondRanks);
    }

    /** Whether the median of one run's ascending ranks lies within the other's range; ranks never tie. */
    private static boolean medianWithin(int[] ranks, int[] range) {
        var median = ranks[ranks.length / 2];
        return median > range[0] && median < range[range.length - 1];
    }

    /** The next larger number with as many one bits (Gosper's hack). */
    private static long nextWithSameOnes(long bits) {
        var lowest = bits & -bits;
        var ripple = bits + lowest;
        return ripple | ((bits ^ ripple) >>> 2) / lowest;
    }

    /** The most misses among {@code figures} independent figures that chance alone reaches in 95 % of reruns. */
    static int upper95(int figures, double chance) {
        var cumulative = 0.0;
        for (var misses = 0; misses <= figures; misses++) {
            cumulative += binomial(figures, misses) * Math.pow(chance, misses) * Math.pow(1 - chance,
                    figures - misses);
            if (cumulative >= 0.95) {
                return misses;
            }
        }
        return figures;
    }

    private static double binomial(int n, int k) {
        var result = 1.0;
        for (var i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
