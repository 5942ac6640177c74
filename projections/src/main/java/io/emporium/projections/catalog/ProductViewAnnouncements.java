package io.emporium.projections.catalog;

import io.emporium.contracts.catalog.ProductViewChanged;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells every engine instance which product pages changed, through PostgreSQL's {@code NOTIFY} inside the batch's
 * own transaction: the notices are delivered when the batch commits with its token, never for a batch that rolls
 * back, and to query instances in other processes as much as to this one.
 */
@FunctionalInterface
interface ProductViewAnnouncements {

    /** Announces the changes once the current transaction commits. */
    void announce(List<ProductViewChanged> changes);

    /** The announcements of the running engine, on its PostgreSQL. */
    @Component
    final class InPostgres implements ProductViewAnnouncements {

        private final JdbcTemplate jdbc;

        InPostgres(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void announce(List<ProductViewChanged> changes) {
            if (changes.isEmpty()) {
                return;
            }
            // One round trip for the batch; PostgreSQL folds identical notices of one transaction into one.
            jdbc.query("""
                    select pg_notify(?, json_build_object('id', sku, 'status', null, 'position', position)::text)
                      from unnest(?::text[], ?::bigint[]) as change(sku, position)""",
                    row -> { },
                    ProductViewChanged.CHANNEL,
                    changes.stream().map(ProductViewChanged::sku).toArray(String[]::new),
                    changes.stream().map(ProductViewChanged::position).toArray(Long[]::new));
        }
    }
}
