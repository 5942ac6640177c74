package io.emporium.projections.order;

import io.emporium.servers.EmbeddedServers;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own on the test server, migrated up to a given version and dropped when closed: a migration
 * test writes rows as they were before the migration, then migrates to the latest version.
 */
final class ScratchDatabase implements AutoCloseable {

    private final JdbcTemplate admin;
    private final String name;
    private final DataSource dataSource;

    private ScratchDatabase(JdbcTemplate admin, String name, DataSource dataSource) {
        this.admin = admin;
        this.name = name;
        this.dataSource = dataSource;
    }

    static ScratchDatabase migratedTo(String version) {
        var postgres = EmbeddedServers.get().postgres();
        var admin = new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password()));
        var name = "migration_" + UUID.randomUUID().toString().replace("-", "");
        admin.execute("create database " + name);
        var database = new ScratchDatabase(admin, name, new DriverManagerDataSource(
                "jdbc:postgresql://%s:%d/%s".formatted(postgres.host(), postgres.port(), name),
                postgres.username(), postgres.password()));
        try {
            Flyway.configure().dataSource(database.dataSource).target(version).load().migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    void migrateToLatest() {
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    @Override
    public void close() {
        admin.execute("drop database if exists " + name + " with (force)");
    }
}
