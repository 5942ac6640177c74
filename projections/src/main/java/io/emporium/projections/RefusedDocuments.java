package io.emporium.projections;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a search projection sets aside the documents Elasticsearch refused for good, so that one document it can
 * never index does not stop every other change from reaching the index. Each refusal names the document, the
 * position of the event that produced it and Elasticsearch's reason; the next change of that document, or a rebuild
 * after the cause is fixed, writes it again.
 */
@FunctionalInterface
public interface RefusedDocuments {

    /** Records the refusals inside the current transaction: they commit with the batch's token, or not at all. */
    void setAside(String index, List<VersionedDocuments.Refused> refused);

    /** A refusal as recorded, for operators. */
    record Recorded(String index, String documentId, long position, int status, String errorType, String reason,
                    Instant refusedAt) {}

    /** The running engine's record: table {@code refused_document} and a log line per refusal. */
    @Component
    final class InPostgres implements RefusedDocuments {

        private static final Logger LOG = LoggerFactory.getLogger(RefusedDocuments.class);

        private final JdbcTemplate jdbc;

        InPostgres(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** The latest refusals first, at most {@code limit} of them. */
        public List<Recorded> latest(int limit) {
            return jdbc.query("""
                    select index_name, document_id, position, status, error_type, reason, refused_at
                      from refused_document order by refused_at desc, position desc limit ?""",
                    (row, number) -> new Recorded(row.getString(1), row.getString(2), row.getLong(3), row.getInt(4),
                            row.getString(5), row.getString(6), row.getTimestamp(7).toInstant()), limit);
        }

        @Override
        public void setAside(String index, List<VersionedDocuments.Refused> refused) {
            for (var document : refused) {
                LOG.warn("Elasticsearch refused document {} of {} (position {}): {} {}: {}; set aside",
                        document.id(), index, document.position(), document.status(), document.type(),
                        document.reason());
                // A redelivered batch is refused again: the first record of it stays.
                jdbc.update("""
                        insert into refused_document (index_name, document_id, position, status, error_type, reason)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""",
                        index, document.id(), document.position(), document.status(), document.type(),
                        document.reason());
            }
        }
    }
}
