package io.emporium.bench.baseline;

import io.emporium.bench.figure.Figure;
import io.emporium.bench.figure.Formats;
import io.emporium.bench.figure.Spread;
import io.emporium.bench.figure.Warmup;
import io.emporium.bench.history.EventRowTemplate;
import io.emporium.bench.process.Servers;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The rate at which PostgreSQL commits durable single-row transactions from several clients at once: each client
 * inserts, with autocommit, rows shaped like an OrderPlaced event into a scratch table with the event table's
 * columns and unique indexes. Issue 3 judges PlaceOrder against this.
 */
public final class PostgresCommits {

    /** The number of clients. */
    public static final int CLIENTS = 8;

    private static final String TABLE = "bench_commit_probe";
    /** A bound per client and repetition, far above what a few seconds allow. */
    private static final long MAX_COMMITS_PER_CLIENT = 10_000_000;

    private PostgresCommits() {
    }

    /**
     * @param durable whether the server flushes its WAL to disk on commit (fsync on)
     * @param before  this baseline as measured before the scenarios, when measuring it again after them: the
     *                scenarios' ratios divide by it minutes after it was first measured, and the disk's flush rate
     *                drifts over minutes more than within seconds (two quick runs of one build measured 11,172
     *                (11,089-11,308) and 11,636 (11,431-11,802) commits/s at their start), so repetitions on both
     *                sides of the scenarios make the range the report states cover that drift
     */
    public static Figure measure(Servers servers, int clients, boolean durable, Warmup.Plan warmupPlan,
                                 Duration each, int repetitions, @Nullable Figure before)
            throws SQLException {
        createTable(servers);
        try {
            var warmup = warmupPlan.run(window -> run(servers, clients, window));
            var rates = new ArrayList<Double>(before == null ? List.of() : before.spread().values());
            for (var i = 0; i < repetitions; i++) {
                rates.add(run(servers, clients, each));
            }
            var method = clients + " JDBC connections, each inserting one event-shaped row per "
                    + "autocommit transaction into a scratch table with `domain_event_entry`'s columns and "
                    + "unique indexes, for " + Formats.seconds(each) + " s per repetition, after a warm-up "
                    + warmup.describe(warmupPlan.window());
            if (before != null) {
                method = before.method() + "; then " + repetitions + " repetitions more after the scenarios, after "
                        + "a warm-up " + warmup.describe(warmupPlan.window()) + ", so that the range covers how "
                        + "the rate drifted while they ran";
            }
            return new Figure("Raw PostgreSQL " + (durable ? "durable" : "synchronous (fsync off)")
                    + " single-row commits, " + clients + " clients", "commits/s", Spread.of(rates), method);
        } finally {
            dropTable(servers);
        }
    }

    /**
     * Commits measured beside a scenario's repetitions, in the minutes they run, on a scratch table of its own that
     * closing drops. Unlike {@link #measure} it warms nothing up: it runs between a scenario's steps, when
     * PostgreSQL has just been busy and this JVM has run the same clients in the baseline before the scenarios.
     */
    public static final class Beside implements AutoCloseable {

        private final Servers servers;
        private final int clients;

        private Beside(Servers servers, int clients) {
            this.servers = servers;
            this.clients = clients;
        }

        public static Beside open(Servers servers, int clients) throws SQLException {
            createTable(servers);
            return new Beside(servers, clients);
        }

        /** Commits per second over one repetition of {@code each}. */
        public double measure(Duration each) {
            return run(servers, clients, each);
        }

        @Override
        public void close() throws SQLException {
            dropTable(servers);
        }
    }

    private static void createTable(Servers servers) throws SQLException {
        try (var connection = servers.connect(); var statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("""
                    create table %s (
                        global_index bigserial primary key,
                        event_identifier varchar(255) not null unique,
                        aggregate_identifier varchar(255) not null,
                        sequence_number bigint not null,
                        type varchar(255),
                        timestamp varchar(255) not null,
                        payload_type varchar(255) not null,
                        payload_revision varchar(255),
                        payload bytea not null,
                        meta_data bytea,
                        unique (aggregate_identifier, sequence_number))
                    """.formatted(TABLE));
        }
    }

    private static void dropTable(Servers servers) throws SQLException {
        try (var connection = servers.connect(); var statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
        }
    }

    private static double run(Servers servers, int clients, Duration duration) {
        var template = EventRowTemplate.orderPlacedShape();
        var commits = new LongAdder();
        var ready = new CyclicBarrier(clients + 1);
        var threads = new ArrayList<Thread>();
        var failures = new ArrayList<Throwable>();
        for (var c = 0; c < clients; c++) {
            var client = c;
            threads.add(Thread.ofPlatform().name("bench-pg-client-" + c).start(() -> {
                try (var connection = servers.connect(); var insert = connection.prepareStatement(
                        "insert into " + TABLE + " (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "timestamp, payload_type, payload_revision, payload, meta_data) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    connection.setAutoCommit(true);
                    var random = new SplittableRandom(System.nanoTime() + client);
                    ready.await();
                    var deadline = System.nanoTime() + duration.toNanos();
                    for (long n = 0; n < MAX_COMMITS_PER_CLIENT && System.nanoTime() < deadline; n++) {
                        var row = template.next(random, n, Instant.now());
                        insert.setString(1, row.eventIdentifier());
                        insert.setString(2, row.aggregateIdentifier());
                        insert.setLong(3, row.sequenceNumber());
                        insert.setString(4, row.type());
                        insert.setString(5, row.timestamp());
                        insert.setString(6, row.payloadType());
                        insert.setString(7, row.payloadRevision());
                        insert.setBytes(8, row.payload());
                        insert.setBytes(9, row.metaData());
                        insert.executeUpdate();
                        commits.increment();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    ready.reset();
                }
            }));
        }
        long begin;
        try {
            ready.await();
            begin = System.nanoTime();
        } catch (BrokenBarrierException e) {
            begin = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while PostgreSQL clients connected", e);
        }
        for (var thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while PostgreSQL clients ran", e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a PostgreSQL client failed", failures.getFirst());
        }
        return commits.sum() / ((System.nanoTime() - begin) / 1e9);
    }
}
