package io.emporium.bench.scenario;

import io.emporium.bench.process.Servers;
import java.sql.SQLException;
import java.util.Locale;
import java.util.StringJoiner;

/** The engine's tables as a scenario may need them: emptied, so that a store size starts from zero; summarised. */
public final class EventStore {

    private EventStore() {
    }

    /**
     * What the store holds, by event type, as one line for the report. Orders placed but not yet confirmed show the
     * checkout process's backlog when the load stopped.
     */
    public static String eventsByType(Servers servers) throws SQLException {
        var counts = new StringJoiner("; ", "Events in the store when the scenario ended, by type: ", ".");
        try (var connection = servers.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("select regexp_replace(payload_type, '^.*[.$]', ''), count(*) "
                     + "from domain_event_entry group by 1 order by 2 desc, 1")) {
            while (rows.next()) {
                counts.add(String.format(Locale.ROOT, "%s %,d", rows.getString(1), rows.getLong(2)));
            }
        }
        return counts.toString();
    }

    /**
     * Makes the database a new shop's: drops the engine's schema with everything in it, and the engine's migrations
     * build it again when it next starts, seed rows included (the serving read-model versions, the hash chain's
     * start), whatever later migrations add. Truncating the tables instead left those seeds out: the order views
     * then had no serving table and parked every event, and the hash chain stopped. Only while no engine runs.
     */
    public static void empty(Servers servers) throws SQLException {
        try (var connection = servers.connect(); var statement = connection.createStatement()) {
            String schema;
            try (var row = statement.executeQuery("select quote_ident(current_schema())")) {
                row.next();
                schema = row.getString(1);
            }
            statement.execute("drop schema " + schema + " cascade");
            statement.execute("create schema " + schema);
        }
    }
}
