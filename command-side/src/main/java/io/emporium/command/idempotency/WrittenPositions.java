package io.emporium.command.idempotency;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads where aggregates' last events landed, inside the transaction that appended them. */
@Component
class WrittenPositions {

    private final JdbcTemplate jdbc;

    WrittenPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One round trip for a whole batch of requests; an aggregate without events is absent from the answer. */
    Map<String, WrittenPosition> lastOf(Collection<String> aggregateIds) {
        var written = new HashMap<String, WrittenPosition>();
        if (aggregateIds.isEmpty()) {
            return written;
        }
        jdbc.query("""
                select distinct on (aggregate_identifier) aggregate_identifier, sequence_number, global_index
                  from domain_event_entry
                 where aggregate_identifier = any(?)
                 order by aggregate_identifier, sequence_number desc
                """, row -> {
            written.put(row.getString(1), new WrittenPosition(row.getLong(2), row.getLong(3)));
        }, (Object) aggregateIds.toArray(String[]::new));
        return written;
    }
}
