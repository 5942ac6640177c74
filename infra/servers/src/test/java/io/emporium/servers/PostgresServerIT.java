package io.emporium.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real PostgreSQL as embedded mode starts it, and its end however its owner ends. */
class PostgresServerIT {

    @Test
    void answersQueriesWithDurableCommitsAndLeavesNoProcessBehindWhenClosed(@TempDir Path workDir) throws Exception {
        long postmaster;
        try (var postgres = PostgresServer.start(workDir)) {
            postmaster = postgres.postmasterPid();
            try (var connection = DriverManager.getConnection(postgres.jdbcUrl());
                 var result = connection.createStatement().executeQuery("show server_version")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).startsWith("17.");
            }
            try (var connection = DriverManager.getConnection(postgres.jdbcUrl());
                 var result = connection.createStatement().executeQuery("select current_setting('fsync'),"
                         + " current_setting('synchronous_commit')")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).as("durable commits, as in production").isEqualTo("on");
                assertThat(result.getString(2)).isEqualTo("on");
            }
        }
        assertThat(ProcessHandle.of(postmaster)).isEmpty();
    }

    @Test
    void aKilledOwnerLeavesNoProcessBehind(@TempDir Path ownerDir) throws Exception {
        var workDir = ownerDir.resolve("postgres");
        var owner = ServerOwner.start("postgres", workDir, workDir);
        var postmaster = ProcessHandle.of(PostgresServer.postmasterPid(workDir)).orElseThrow();

        owner.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(30)).until(() -> !postmaster.isAlive());
    }
}
