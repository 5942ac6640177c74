package io.emporium.bench.scenario;

import io.emporium.bench.process.EngineRoles;
import java.util.List;

/**
 * One of issue 6's scenarios. A measurable one says which engine it needs; a scenario whose features have not
 * landed says which issue it waits for, and takes its place in {@link #catalog()} once it can run.
 */
public sealed interface Scenario {

    int number();

    String title();

    /**
     * Every scenario, in the order they run: the first five share one engine with every role (scenario 4 grows the
     * store with a synthetic history first); scenario 5 needs an empty store and runs the command side alone, so it
     * runs last. Reports list them by number.
     */
    static List<Scenario> catalog() {
        return List.of(
                new PlaceOrderThroughput(),
                new StorefrontMix(),
                new ProjectionLag(),
                new HotSkuReservations(),
                new HistoryReplay(),
                new AppendRate());
    }

    /** A scenario the landed features allow. */
    non-sealed interface Measurable extends Scenario {

        /** The engine the scenario runs against. */
        EngineRoles roles();

        /** True if the scenario must start on an empty event store. */
        boolean needsEmptyStore();

        ScenarioResult run(Context context) throws Exception;
    }

    /** A scenario whose features have not landed. */
    record Pending(int number, String title, String needs) implements Scenario {}
}
