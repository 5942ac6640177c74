package io.emporium.bench.figure;

/** How a figure stands against its target, given the noise of this run. */
public enum Verdict {
    /** Every repetition meets the target. */
    MET("met"),
    /** No repetition meets it. */
    NOT_MET("not met"),
    /** Some repetitions do and some do not: the run cannot tell. */
    WITHIN_NOISE("within noise");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    @Override
    public String toString() {
        return words;
    }
}
