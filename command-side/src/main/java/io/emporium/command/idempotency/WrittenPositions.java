package io.emporium.command.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads where an aggregate's last event landed, inside the transaction that appended it. */
@Component
class WrittenPositions {

    private final JdbcTemplate jdbc;

    WrittenPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    WrittenPosition lastOf(String aggregateId) {
        return jdbc.queryForObject("""
                select sequence_number, global_index from domain_event_entry
                 where aggregate_identifier = ? order by sequence_number desc limit 1
                """, (row, n) -> new WrittenPosition(row.getLong(1), row.getLong(2)), aggregateId);
    }
}
