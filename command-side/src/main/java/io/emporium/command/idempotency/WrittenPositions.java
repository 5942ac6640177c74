package io.emporium.command.idempotency;

import io.emporium.eventstore.AggregateStreams;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads where aggregates' last events landed, inside the transaction that appended them. */
@Component
class WrittenPositions {

    private final JdbcTemplate jdbc;
    private final AggregateStreams streams;

    WrittenPositions(JdbcTemplate jdbc, AggregateStreams streams) {
        this.jdbc = jdbc;
        this.streams = streams;
    }

    /**
     * What this unit of work appended is known from its append; only the others (a command that decided nothing
     * new answers with its aggregate's version as it stood) cost a query, one for the whole batch. An aggregate
     * without events is absent from the answer.
     */
    Map<String, WrittenPosition> lastOf(Collection<String> aggregateIds) {
        var written = new HashMap<String, WrittenPosition>();
        var appended = streams.appendedInThisUnitOfWork();
        var unknown = new ArrayList<String>();
        for (var id : aggregateIds) {
            var place = appended.get(id);
            if (place == null) {
                unknown.add(id);
            } else {
                written.put(id, new WrittenPosition(place.sequenceNumber(), place.globalIndex()));
            }
        }
        if (unknown.isEmpty()) {
            return written;
        }
        jdbc.query("""
                select distinct on (aggregate_identifier) aggregate_identifier, sequence_number, global_index
                  from domain_event_entry
                 where aggregate_identifier = any(?)
                 order by aggregate_identifier, sequence_number desc
                """, row -> {
            written.put(row.getString(1), new WrittenPosition(row.getLong(2), row.getLong(3)));
        }, (Object) unknown.toArray(String[]::new));
        return written;
    }
}
