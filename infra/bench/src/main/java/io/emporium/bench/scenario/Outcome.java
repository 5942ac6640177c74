package io.emporium.bench.scenario;

/** How a scenario ended in this run. */
public sealed interface Outcome {

    int number();

    String title();

    record Measured(ScenarioResult result) implements Outcome {
        @Override
        public int number() {
            return result.number();
        }

        @Override
        public String title() {
            return result.title();
        }
    }

    /** The features it measures have not landed yet. */
    record NotYetMeasurable(int number, String title, String needs) implements Outcome {}

    /** It ran and failed; the rest of the suite went on. */
    record Failed(int number, String title, String error) implements Outcome {}
}
