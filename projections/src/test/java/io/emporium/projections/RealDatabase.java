package io.emporium.projections;

import io.emporium.servers.EmbeddedServers;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The real PostgreSQL of the test JVM, migrated to the real schema: where projection tests apply their events. */
public final class RealDatabase {

    private RealDatabase() {}

    public static JdbcTemplate migrated() {
        var postgres = EmbeddedServers.get().postgres();
        var dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        return new JdbcTemplate(dataSource);
    }
}
