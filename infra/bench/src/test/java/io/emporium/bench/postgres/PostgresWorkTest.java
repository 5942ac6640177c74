package io.emporium.bench.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.bench.postgres.PostgresWork.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresWorkTest {

    private static final String CLAIM = "insert into idempotency_key (idempotency_key, request_hash) values ($1, $2)";
    private static final String APPEND = "INSERT INTO domain_event_entry (event_identifier) VALUES ($1)";
    private static final String READ = "select 1";

    @Test
    void countsOnlyWhatHappenedBetweenTwoReadings() {
        var before = new PostgresWork(Map.of(CLAIM, new Statement(10, 5.0), READ, new Statement(3, 1.0)),
                1_000, 10, 1, 100, 50);
        var after = new PostgresWork(Map.of(CLAIM, new Statement(30, 15.0), READ, new Statement(3, 1.0),
                APPEND, new Statement(40, 8.0)), 9_000, 90, 5, 102, 90);

        var work = after.since(before);

        assertThat(work.statements()).containsOnly(Map.entry(CLAIM, new Statement(20, 10.0)),
                Map.entry(APPEND, new Statement(40, 8.0)));
        assertThat(work).extracting(PostgresWork::walBytes, PostgresWork::walRecords,
                PostgresWork::fullPageImages, PostgresWork::commits, PostgresWork::lastEvent)
                .containsExactly(8_000L, 80L, 4L, 2L, 40L);
    }

    @Test
    void addsTheRepetitionsOfAStep() {
        var first = new PostgresWork(Map.of(CLAIM, new Statement(2, 1.0)), 100, 2, 0, 1, 2);
        var second = new PostgresWork(Map.of(CLAIM, new Statement(4, 3.0), APPEND, new Statement(4, 2.0)),
                300, 6, 1, 1, 4);

        var both = PostgresWork.NONE.plus(first).plus(second);

        assertThat(both.statements()).containsOnly(Map.entry(CLAIM, new Statement(6, 4.0)),
                Map.entry(APPEND, new Statement(4, 2.0)));
        assertThat(both).extracting(PostgresWork::walBytes, PostgresWork::commits, PostgresWork::lastEvent)
                .containsExactly(400L, 2L, 6L);
    }

    @Test
    void describesTheWorkPerEventAppendedCostliestStatementFirst() {
        var work = new PostgresWork(Map.of(CLAIM, new Statement(20, 10.0), APPEND, new Statement(40, 8.0),
                READ, new Statement(1, 0.4)), 100_000, 480, 2, 2, 40);

        assertThat(work.describe("at 128 users", 2)).isEqualTo("PostgreSQL's work at 128 users, per event "
                + "appended (40 events): statements executing 460.0 us (`insert into idempotency_key "
                + "(idempotency_key, request_hash) …` 250.0 us in 0.50 calls, `INSERT INTO "
                + "domain_event_entry (event_identifier) VALUES ($1…` 200.0 us in 1.00 calls, 1 others 10.0 us); "
                + "write-ahead log 2,500 bytes in 12.0 records with 0.050 full-page images; 20.0 events per "
                + "commit.");
    }

    @Test
    void saysSoWhenStatementTimesAreUnknownOrNothingWasAppended() {
        assertThat(new PostgresWork(Map.of(), 1_000, 10, 0, 1, 10).describe("here", 3))
                .contains("statement times unknown (pg_stat_statements not loaded)")
                .contains("write-ahead log 100 bytes in 1.0 records");
        assertThat(PostgresWork.NONE.describe("here", 3)).isEqualTo("PostgreSQL's work here: no event was appended.");
    }
}
