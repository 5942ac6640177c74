package io.emporium.bench.scenario;

import io.emporium.bench.process.Servers;
import java.sql.SQLException;
import java.util.ArrayList;
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
     * Empties every table of the engine (events, tokens, sagas, idempotency keys, read models, whatever later
     * migrations add) and restarts their sequences: as a new shop. Only while no engine runs. Two tables describe
     * the schema rather than the shop and stay: Flyway's history, and which version of each rebuildable read model
     * serves (without it the projections would have no table to write to).
     */
    public static void empty(Servers servers) throws SQLException {
        try (var connection = servers.connect(); var statement = connection.createStatement()) {
            var tables = new ArrayList<String>();
            try (var rows = statement.executeQuery("""
                    select quote_ident(tablename) from pg_tables
                     where schemaname = current_schema()
                       and tablename not in ('flyway_schema_history', 'read_model_version')
                    """)) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                statement.execute("truncate " + String.join(", ", tables) + " restart identity");
            }
        }
    }
}
