package io.emporium.bench.baseline;

import io.emporium.bench.figure.Figure;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.process.Servers;
import java.io.OutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * How fast PostgreSQL hands out the event table in order, with nothing done to the rows: the ceiling of any replay.
 * Issue 5 asks replay to reach a quarter of it.
 */
public final class EventTableRead {

    private EventTableRead() {
    }

    public static Figure measure(Servers servers, int repetitions) throws SQLException, IOException {
        var rates = new ArrayList<Double>();
        long rows = 0;
        try (var connection = servers.connect()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (var i = 0; i < repetitions; i++) {
                var begin = System.nanoTime();
                rows = copy.copyOut("copy domain_event_entry to stdout (format binary)",
                        OutputStream.nullOutputStream());
                rates.add(rows / ((System.nanoTime() - begin) / 1e9));
            }
        }
        return new Figure("Raw sequential read of the event table", "rows/s", Spread.of(rates),
                "`COPY domain_event_entry TO STDOUT (FORMAT binary)` through PgJDBC's CopyManager, every column, "
                + String.format(Locale.ROOT, "%,d", rows) + " rows, warm cache, rows discarded");
    }
}
