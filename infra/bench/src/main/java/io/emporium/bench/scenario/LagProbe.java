package io.emporium.bench.scenario;

import io.emporium.bench.load.LatencyTimeline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Watches PostgreSQL for OrderPlaced events becoming visible in domain_event_entry and their orders becoming visible
 * in order_view, with one query every {@link #PERIOD} on a connection of its own. Both moments are observed the
 * same way, by the same snapshot-taking query, so the lag between them (event commit to read model) is measured to
 * within one polling interval, without relying on the engine's clock or its HTTP responses.
 *
 * <p>New events are found by global index; indexes skipped by a transaction still open are watched until they
 * appear or {@link #GAP_TIMEOUT} passes, as Axon's gap-aware token does.
 */
final class LagProbe implements AutoCloseable {

    static final Duration PERIOD = Duration.ofMillis(2);
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);
    /** A jump in global index wider than this is not a gap of concurrent appends and is not watched. */
    private static final long MAX_GAP_SPAN = 10_000;
    /** Orders watched at once; beyond this the read model is so far behind that a sample of the oldest suffices. */
    private static final int MAX_PENDING = 2_000;
    /** Order ids compare byte by byte (migration V18), the event table's by the locale: the join says which. */
    private static final String QUERY = """
            select e.global_index, e.aggregate_identifier, e.payload_type like '%OrderPlaced',
                   v.order_id is not null
              from domain_event_entry e
              left join order_view v on v.order_id = e.aggregate_identifier collate "C"
             where e.global_index > ? or e.global_index = any(?)
            union all
            select null, order_id, true, true from order_view where order_id = any(?)
            """;

    private final Connection connection;
    private final LatencyTimeline lag;
    private final Histogram pollIntervals = new Histogram(3);
    private final TreeMap<Long, Long> gaps = new TreeMap<>();
    private final LinkedHashMap<String, Long> pending = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean draining;
    private volatile long drainDeadline = Long.MAX_VALUE;
    private volatile @Nullable Throwable failure;
    private long highest;
    private long untracked;

    /**
     * Starts watching events after the store's current end.
     *
     * @param hardLimit the probe stops by itself after this long, whatever happens
     */
    LagProbe(Connection connection, Duration slice, Duration hardLimit) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(true);
        try (var statement = connection.createStatement();
             var row = statement.executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
            row.next();
            highest = row.getLong(1);
        }
        lag = new LatencyTimeline(slice);
        var stopAt = System.nanoTime() + hardLimit.toNanos();
        thread = Thread.ofPlatform().name("bench-lag-probe").daemon().start(() -> watch(stopAt));
    }

    /** What the probe saw. */
    record Observed(Histogram lagMicros, LatencyTimeline timeline, long unseen, long untracked,
                    Histogram pollIntervalMicros) {}

    /**
     * Waits until every event seen so far is in the read model, or {@code timeout} passes; then stops.
     *
     * @return the lags, and how many events never showed in the read model in time
     */
    Observed drain(Duration timeout) throws InterruptedException {
        drainDeadline = System.nanoTime() + timeout.toNanos();
        draining = true;
        thread.join(timeout.plusSeconds(5).toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(5_000);
        }
        if (failure != null) {
            throw new IllegalStateException("the lag probe failed", failure);
        }
        synchronized (this) {
            return new Observed(lag.finish(), lag, pending.size(), untracked, pollIntervals.copy());
        }
    }

    @Override
    public void close() throws SQLException {
        draining = true;
        drainDeadline = 0;
        thread.interrupt();
        connection.close();
    }

    private void watch(long stopAt) {
        var previous = 0L;
        try (var statement = connection.prepareStatement(QUERY)) {
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < stopAt) {
                var polled = System.nanoTime();
                if (previous != 0) {
                    pollIntervals.recordValue((polled - previous) / 1000);
                }
                previous = polled;
                // Read before polling: only a poll that started after the load ended has seen all its events.
                var loadEnded = draining;
                poll(statement, polled);
                if (loadEnded && (pending.isEmpty() || polled > drainDeadline)) {
                    return;
                }
                LockSupport.parkNanos(PERIOD.toNanos() - (System.nanoTime() - polled));
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    private synchronized void poll(PreparedStatement statement, long polled) throws SQLException {
        statement.setLong(1, highest);
        statement.setArray(2, connection.createArrayOf("bigint", gaps.keySet().toArray(Long[]::new)));
        statement.setArray(3, connection.createArrayOf("varchar", pending.keySet().toArray(String[]::new)));
        var views = new ArrayList<String>();
        try (var rows = statement.executeQuery()) {
            while (rows.next()) {
                var index = rows.getObject(1, Long.class);
                var id = rows.getString(2);
                if (index == null) {
                    views.add(id);
                } else {
                    event(index, id, rows.getBoolean(3), rows.getBoolean(4), polled);
                }
            }
        }
        for (var id : views) {
            var seen = pending.remove(id);
            if (seen != null) {
                lag.record((polled - seen) / 1000);
            }
        }
        expireGaps(polled);
    }

    private void event(long index, String orderId, boolean orderPlaced, boolean viewed, long polled) {
        gaps.remove(index);
        if (index > highest) {
            for (var skipped = highest + 1; skipped < index && index - highest < MAX_GAP_SPAN; skipped++) {
                gaps.put(skipped, polled);
            }
            highest = index;
        }
        if (!orderPlaced) {
            return;
        }
        if (viewed) {
            lag.record(0);
        } else if (pending.size() < MAX_PENDING) {
            pending.putIfAbsent(orderId, polled);
        } else {
            untracked++;
        }
    }

    private void expireGaps(long now) {
        for (Iterator<Map.Entry<Long, Long>> it = gaps.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue() > GAP_TIMEOUT.toNanos()) {
                it.remove();
            }
        }
    }
}
