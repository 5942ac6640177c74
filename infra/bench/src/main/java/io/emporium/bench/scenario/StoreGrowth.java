package io.emporium.bench.scenario;

import io.emporium.bench.history.EventRowTemplate;
import io.emporium.bench.history.History;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** A scenario's growth of the store with synthetic orders, told as it goes and noted in the report. */
final class StoreGrowth {

    private StoreGrowth() {
    }

    /** Grows the store to {@code size} events, telling the run its progress after every COPY. */
    static History.Growth to(Context context, Connection connection, long size, EventRowTemplate template)
            throws SQLException {
        context.say(String.format(Locale.ROOT, "generating history up to %,d events", size));
        return History.growTo(connection, size, template, added -> context.say(
                String.format(Locale.ROOT, "  %,d events written", added)));
    }

    /** The report's note on a growth. */
    static String note(History.Growth growth) {
        return String.format(Locale.ROOT, "History to %,d events: %,d rows written in %.1f s (%,.0f rows/s), "
                + "including VACUUM ANALYZE and CHECKPOINT.", growth.after(), growth.added(),
                growth.took().toNanos() / 1e9, growth.rowsPerSecond());
    }
}
