package io.emporium.bench.scenario;

import io.emporium.bench.cpu.CpuMeter;
import io.emporium.bench.process.Servers;
import java.sql.SQLException;

/** What a scenario works with: this run's profile, servers and engine, and what earlier scenarios found. */
public interface Context {

    Profile profile();

    Servers servers();

    /** The port of the engine now running, with the roles the scenario asked for. */
    int enginePort();

    CpuMeter cpu();

    /** Tells the person watching what is being measured now. */
    void say(String message);

    /** Scenario 1's peak, or {@link Peak#ASSUMED} if it has none. */
    Peak peak();

    void peak(Peak peak);

    /** Stocks the SKUs orders buy, once per event store (an emptied store has no stock left). */
    void stockShelves();

    /** Asks PostgreSQL for a checkpoint, so that none from earlier work lands in the next measurement. */
    void checkpoint() throws SQLException;
}
