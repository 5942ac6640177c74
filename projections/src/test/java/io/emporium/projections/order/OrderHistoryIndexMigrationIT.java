package io.emporium.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.servers.EmbeddedServers;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V21 on order views indexed before it, in a database of their own: every version's customer index,
 * whatever its name, becomes one on the customer and the placement's position, and a history page reads by it.
 */
class OrderHistoryIndexMigrationIT {

    @Test
    void everyVersionsCustomerIndexOrdersByThePlacementsPosition() {
        var postgres = EmbeddedServers.get().postgres();
        var database = "migration_" + UUID.randomUUID().toString().replace("-", "");
        var admin = new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password()));
        admin.execute("create database " + database);
        try {
            var dataSource = new DriverManagerDataSource("jdbc:postgresql://%s:%d/%s".formatted(postgres.host(),
                    postgres.port(), database), postgres.username(), postgres.password());
            var jdbc = new JdbcTemplate(dataSource);
            Flyway.configure().dataSource(dataSource).target("20").load().migrate();
            // A version built by a rebuild before V21, its index named as the rebuild names it.
            jdbc.execute("create table order_view_v2 (like order_view_v1 including defaults including constraints)");
            jdbc.execute("create index order_view_v2_customer on order_view_v2 (customer_id, placed_at desc,"
                    + " order_id desc)");

            Flyway.configure().dataSource(dataSource).load().migrate();

            for (var table : new String[] {"order_view_v1", "order_view_v2"}) {
                assertThat(jdbc.queryForList("""
                        select regexp_replace(indexdef, '^.* USING ', '') from pg_indexes
                         where tablename = ? and indexdef like '%(customer_id%'""", String.class, table))
                        .as(table).containsExactly("btree (customer_id, placed_position DESC)");
            }
            jdbc.execute("set enable_seqscan = off");
            assertThat(String.join("\n", jdbc.queryForList("""
                    explain select order_id from order_view where customer_id = 'c-1'
                     order by placed_position desc limit 11 offset 0""", String.class)))
                    .contains("Index Scan using order_view_v1_customer").doesNotContain("Sort");
        } finally {
            admin.execute("drop database if exists " + database + " with (force)");
        }
    }
}
