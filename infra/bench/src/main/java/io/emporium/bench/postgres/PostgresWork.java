package io.emporium.bench.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PostgreSQL's cumulative counters at one moment, or their differences over a measurement ({@link #since}).
 * Statement times come from {@code pg_stat_statements} and are exact; WAL bytes from the insert position, exact too;
 * WAL records, full-page images and commits from the cumulative statistics, which each backend reports at most once
 * a second, so over a step of 15 s they may miss up to about a second's worth.
 *
 * @param statements  execution by normalised statement text
 * @param lastEvent   the highest global index in the event table: the difference counts the events appended
 */
public record PostgresWork(Map<String, Statement> statements, long walBytes, long walRecords, long fullPageImages,
                           long commits, long lastEvent) {

    /** Where the bench loads {@code pg_stat_statements}: scenarios drop and rebuild the engine's own schema. */
    public static final String SCHEMA = "bench_statistics";

    private static final int LABEL_LENGTH = 60;

    public static final PostgresWork NONE = new PostgresWork(Map.of(), 0, 0, 0, 0, 0);

    public PostgresWork {
        statements = Map.copyOf(statements);
    }

    /** Calls of one statement and the time PostgreSQL spent executing them. */
    public record Statement(long calls, double millis) {

        Statement minus(Statement earlier) {
            return new Statement(calls - earlier.calls, millis - earlier.millis);
        }

        Statement plus(Statement more) {
            return new Statement(calls + more.calls, millis + more.millis);
        }
    }

    /**
     * Reads the counters. Statement times are left out, with a note in {@link #describe}, where the server was not
     * started with {@code pg_stat_statements} loaded.
     */
    public static PostgresWork read(Connection connection) throws SQLException {
        var statements = new HashMap<String, Statement>();
        try (var statement = connection.createStatement()) {
            if (statementStatisticsLoaded(statement)) {
                statement.execute("create schema if not exists " + SCHEMA);
                statement.execute("create extension if not exists pg_stat_statements schema " + SCHEMA);
                try (var rows = statement.executeQuery("select query, calls, total_exec_time from " + SCHEMA
                        + ".pg_stat_statements where dbid = (select oid from pg_database"
                        + " where datname = current_database())")) {
                    while (rows.next()) {
                        if (isOwnReading(rows.getString(1))) {
                            continue;
                        }
                        statements.merge(rows.getString(1), new Statement(rows.getLong(2), rows.getDouble(3)),
                                Statement::plus);
                    }
                }
            }
            try (var row = statement.executeQuery("""
                    select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint, w.wal_records, w.wal_fpi,
                           (select xact_commit from pg_stat_database where datname = current_database()),
                           (select coalesce(max(global_index), 0) from domain_event_entry)
                      from pg_stat_wal w""")) {
                row.next();
                return new PostgresWork(statements, row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                        row.getLong(5));
            }
        }
    }

    /** The statements of these readings are not the measured work. */
    private static boolean isOwnReading(String query) {
        return query.contains(SCHEMA) || query.contains("pg_stat_wal")
                || query.contains("shared_preload_libraries");
    }

    private static boolean statementStatisticsLoaded(java.sql.Statement statement) throws SQLException {
        try (var row = statement.executeQuery("select current_setting('shared_preload_libraries')")) {
            row.next();
            return row.getString(1).contains("pg_stat_statements");
        }
    }

    /** What happened between {@code earlier} and this reading. */
    public PostgresWork since(PostgresWork earlier) {
        var differences = new HashMap<String, Statement>();
        statements.forEach((query, now) -> {
            var then = earlier.statements.get(query);
            var difference = then == null ? now : now.minus(then);
            if (difference.calls() > 0) {
                differences.put(query, difference);
            }
        });
        return new PostgresWork(differences, walBytes - earlier.walBytes, walRecords - earlier.walRecords,
                fullPageImages - earlier.fullPageImages, commits - earlier.commits, lastEvent - earlier.lastEvent);
    }

    /** Two differences together, such as the repetitions of one step. */
    public PostgresWork plus(PostgresWork more) {
        var sum = new HashMap<>(statements);
        more.statements.forEach((query, statement) -> sum.merge(query, statement, Statement::plus));
        return new PostgresWork(sum, walBytes + more.walBytes, walRecords + more.walRecords,
                fullPageImages + more.fullPageImages, commits + more.commits, lastEvent + more.lastEvent);
    }

    /**
     * This difference per event appended, as a sentence for the report: the statements that took most of the
     * execution time, each in microseconds per event, then the log and the commits.
     *
     * @param shown how many statements to name; the others are summed
     */
    public String describe(String what, int shown) {
        var events = lastEvent;
        if (events <= 0) {
            return "PostgreSQL's work " + what + ": no event was appended.";
        }
        var text = new StringBuilder(String.format(Locale.ROOT, "PostgreSQL's work %s, per event appended (%,d "
                + "events): ", what, events));
        if (statements.isEmpty()) {
            text.append("statement times unknown (pg_stat_statements not loaded); ");
        } else {
            var ranked = new ArrayList<>(statements.entrySet());
            ranked.sort(Comparator.comparingDouble((Map.Entry<String, Statement> entry) -> entry.getValue().millis())
                    .reversed());
            var total = ranked.stream().mapToDouble(entry -> entry.getValue().millis()).sum();
            text.append(String.format(Locale.ROOT, "statements executing %.1f us (", micros(total, events)));
            List<String> parts = ranked.stream().limit(shown).map(entry -> String.format(Locale.ROOT,
                    "`%s` %.1f us in %.2f calls", label(entry.getKey()), micros(entry.getValue().millis(), events),
                    (double) entry.getValue().calls() / events)).collect(Collectors.toCollection(ArrayList::new));
            if (ranked.size() > shown) {
                var rest = ranked.subList(shown, ranked.size()).stream()
                        .mapToDouble(entry -> entry.getValue().millis()).sum();
                parts.add(String.format(Locale.ROOT, "%d others %.1f us", ranked.size() - shown,
                        micros(rest, events)));
            }
            text.append(String.join(", ", parts)).append("); ");
        }
        text.append(String.format(Locale.ROOT, "write-ahead log %,.0f bytes in %.1f records with %.3f full-page "
                        + "images; %.1f events per commit.", (double) walBytes / events, (double) walRecords / events,
                (double) fullPageImages / events, commits <= 0 ? Double.NaN : (double) events / commits));
        return text.toString();
    }

    private static double micros(double millis, long events) {
        return millis * 1000 / events;
    }

    /** A statement as the report names it: its normalised text, cut after {@value #LABEL_LENGTH} characters. */
    static String label(String query) {
        var text = query.strip().replaceAll("\\s+", " ");
        return text.length() <= LABEL_LENGTH ? text : text.substring(0, LABEL_LENGTH) + "…";
    }
}
