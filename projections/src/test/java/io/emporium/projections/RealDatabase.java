package io.emporium.projections;

import io.emporium.servers.EmbeddedServers;
import org.flywaydb.core.Flyway;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The real PostgreSQL of the test JVM, migrated to the real schema: where projection tests apply their events. */
public final class RealDatabase {

    private RealDatabase() {}

    public static JdbcTemplate migrated() {
        var postgres = EmbeddedServers.get().postgres();
        var dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        return new JdbcTemplate(dataSource);
    }

    /**
     * Runs {@code work} in one transaction. Outside one, this data source opens a connection per statement: a test
     * applying a few thousand events one by one took minutes.
     */
    public static void inOneTransaction(JdbcTemplate jdbc, Runnable work) {
        new TransactionTemplate(new DataSourceTransactionManager(Objects.requireNonNull(jdbc.getDataSource())))
                .executeWithoutResult(transaction -> work.run());
    }
}
