package io.emporium.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Migration V19 on order views written before it, in a database of their own: every version's placements move
 * from the status timeline into their order rows, and readers see the same timeline as before.
 */
class PlacementMigrationIT {

    @Test
    void everyVersionsPlacementsMoveFromTheTimelineIntoTheirOrderRows() {
        try (var database = ScratchDatabase.migratedTo("18")) {
            var jdbc = database.jdbc();
            // The serving version 1 and a version 2 built beside it, written as before V19.
            jdbc.execute("create table order_view_v2 (like order_view_v1 including all)");
            jdbc.execute("create table order_status_change_v2 (like order_status_change_v1 including all)");
            for (var version : new int[] {1, 2}) {
                jdbc.update(("insert into order_view_v%d (order_id, customer_id, status, lines, total_minor, currency,"
                        + " placed_at, position) values ('o-confirmed', 'c-1', 'CONFIRMED', '[]', 100, 'EUR',"
                        + " '2026-11-24T10:15:30Z', 12), ('o-placed', 'c-1', 'PLACED', '[]', 100, 'EUR',"
                        + " '2026-11-24T10:15:31Z', 11), ('o-without-placement', 'c-2', 'SHIPPED', '[]', 100, 'EUR',"
                        + " '2026-11-24T10:15:32Z', 20)").formatted(version));
                jdbc.update(("insert into order_status_change_v%d (order_id, position, status, changed_at) values"
                        + " ('o-confirmed', 10, 'PLACED', '2026-11-24T10:15:30Z'),"
                        + " ('o-confirmed', 12, 'CONFIRMED', '2026-11-24T10:15:40Z'),"
                        + " ('o-placed', 11, 'PLACED', '2026-11-24T10:15:31Z'),"
                        + " ('o-without-placement', 20, 'SHIPPED', '2026-11-24T10:15:50Z')").formatted(version));
            }

            database.migrateToLatest();

            for (var table : new String[] {"order_view", "order_view_v1", "order_view_v2"}) {
                assertThat(jdbc.queryForList("select order_id || '@' || placed_position from " + table
                        + " order by order_id", String.class)).as(table)
                        .containsExactly("o-confirmed@10", "o-placed@11", "o-without-placement@20");
            }
            for (var table : new String[] {"order_status_change", "order_status_change_v1",
                    "order_status_change_v2"}) {
                assertThat(jdbc.queryForList("select order_id || '@' || position || '@' || status from " + table
                        + " order by order_id, position", String.class)).as(table)
                        .containsExactly("o-confirmed@12@CONFIRMED", "o-without-placement@20@SHIPPED");
            }
            assertThat(jdbc.queryForObject("""
                    select is_nullable from information_schema.columns
                     where table_name = 'order_view_v2' and column_name = 'placed_position'""", String.class))
                    .isEqualTo("NO");
        }
    }
}
