package io.emporium.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * Migration V21 on order views indexed before it, in a database of their own: every version's customer index,
 * whatever its name, becomes one on the customer and the placement's position, and a history page reads by it.
 */
class OrderHistoryIndexMigrationIT {

    @Test
    void everyVersionsCustomerIndexOrdersByThePlacementsPosition() {
        try (var database = ScratchDatabase.migratedTo("20")) {
            var jdbc = database.jdbc();
            // A version built by a rebuild before V21, its index named as the rebuild names it.
            jdbc.execute("create table order_view_v2 (like order_view_v1 including defaults including constraints)");
            jdbc.execute("create index order_view_v2_customer on order_view_v2 (customer_id, placed_at desc,"
                    + " order_id desc)");

            database.migrateToLatest();

            for (var table : new String[] {"order_view_v1", "order_view_v2"}) {
                assertThat(jdbc.queryForList("""
                        select regexp_replace(indexdef, '^.* USING ', '') from pg_indexes
                         where tablename = ? and indexdef like '%(customer_id%'""", String.class, table))
                        .as(table).containsExactly("btree (customer_id, placed_position DESC)");
            }
            // One connection: the setting holds for the statement after it.
            var plan = jdbc.execute((ConnectionCallback<String>) connection -> {
                try (var statement = connection.createStatement()) {
                    statement.execute("set enable_seqscan = off");
                    var lines = new StringBuilder();
                    try (var rows = statement.executeQuery("""
                            explain select order_id from order_view where customer_id = 'c-1'
                             order by placed_position desc limit 11 offset 0""")) {
                        while (rows.next()) {
                            lines.append(rows.getString(1)).append('\n');
                        }
                    }
                    return lines.toString();
                }
            });
            assertThat(plan).contains("Index Scan using order_view_v1_customer").doesNotContain("Sort");
        }
    }
}
