package io.emporium.bench.scenario;

import io.emporium.bench.cpu.CpuMeter;
import io.emporium.bench.process.SafepointLog;
import io.emporium.bench.process.Servers;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/** What a scenario works with: this run's profile, servers and engine, and what earlier scenarios found. */
public interface Context {

    Profile profile();

    Servers servers();

    /** The port of the engine now running, with the roles the scenario asked for. */
    int enginePort();

    /** Where the engine now running writes each time it stopped all its threads. */
    SafepointLog engineSafepoints();

    CpuMeter cpu();

    /** Where this run keeps its report and the logs of the processes it starts. */
    Path directory();

    /** Tells the person watching what is being measured now. */
    void say(String message);

    /** Scenario 1's peak, or {@link Peak#ASSUMED} if it has none. */
    Peak peak();

    void peak(Peak peak);

    /** The customers' saved cards, issued by the PSP simulator once per run. */
    SavedCards savedCards();

    /** Stocks the SKUs orders buy, once per event store (an emptied store has no stock left). */
    void stockShelves();

    /**
     * Prepares a step: waits (bounded) until the event processors have caught up with the store, then asks
     * PostgreSQL for a checkpoint, so that neither earlier work's backlog nor its write-back lands in the step.
     */
    void checkpoint() throws SQLException, IOException, InterruptedException;
}
