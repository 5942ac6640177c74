package io.emporium.projections.audit;

import io.emporium.audit.chain.EventRow;
import io.emporium.audit.chain.HashChain;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links every committed event into the hash chain (table audit_chain_link), in the order it first sees them, and
 * records the chain's head now and then. Every engine instance runs one; a transaction-scoped advisory lock lets
 * one of them work at a time, and all state lives in audit_chain_state, so any instance carries on where another
 * stopped.
 *
 * <p>A row below the highest linked position can still commit late (global_index is taken at insert, commits come
 * in any order), so rows are looked for above {@code settled_through} only, and that mark moves up to a position
 * once every transaction that was running when the position was seen has ended: none of them can add a row below
 * it any more. A row that appears below the mark later was written behind the engine's back.
 */
@Component
class ChainBuilder implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ChainBuilder.class);
    /** The advisory lock key: any constant the other users of advisory locks in this database do not take. */
    private static final long LOCK = 0x656d706f72697531L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ChainProperties properties;
    private @Nullable ScheduledExecutorService worker;

    ChainBuilder(JdbcTemplate jdbc, PlatformTransactionManager transactions, ChainProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.properties = properties;
    }

    private record State(long lastLink, String lastHash, long settledThrough, @Nullable Long candidate,
                         boolean candidateSettled) {}

    /** Links what is waiting, a batch per transaction, until a batch comes back short. */
    void catchUp() {
        try {
            Integer linked;
            do {
                linked = transactions.execute(status -> linkBatch());
            } while (linked != null && linked == properties.batch());
        } catch (RuntimeException e) {
            LOG.warn("The hash chain did not advance this round; next try in {}", properties.interval(), e);
        }
    }

    private int linkBatch() {
        if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
            return 0;
        }
        // Evaluated before the rows are read: if every transaction running at candidate_seen_at has ended, the read
        // below sees each row at or below the candidate that will ever commit.
        var state = Objects.requireNonNull(jdbc.queryForObject("""
                select last_link, last_hash, settled_through, candidate,
                       candidate_seen_at < coalesce((select min(xact_start) from pg_stat_activity
                                                      where pid <> pg_backend_pid() and xact_start is not null),
                                                    'infinity') as candidate_settled
                  from audit_chain_state for update
                """, (rs, n) -> new State(rs.getLong("last_link"), rs.getString("last_hash"),
                rs.getLong("settled_through"), rs.getObject("candidate", Long.class),
                rs.getBoolean("candidate_settled"))));
        var rows = jdbc.query("""
                select e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type,
                       e.timestamp, e.payload_type, e.payload_revision, e.payload, e.meta_data
                  from domain_event_entry e
                 where e.global_index > ?
                   and not exists (select 1 from audit_chain_link l where l.position = e.global_index)
                 order by e.global_index
                 limit ?
                """, ChainBuilder::row, state.settledThrough(), properties.batch());

        var link = state.lastLink();
        var hash = HashChain.fromHex(state.lastHash());
        var links = new ArrayList<Object[]>(rows.size());
        for (var row : rows) {
            hash = HashChain.link(hash, row);
            links.add(new Object[] {++link, row.position(), HashChain.hex(hash)});
        }
        jdbc.batchUpdate("""
                insert into audit_chain_link (link, position, hash, linked_at) values (?, ?, ?, clock_timestamp())
                """, links);

        var readPastCandidate = rows.size() < properties.batch()
                || (state.candidate() != null && rows.getLast().position() >= state.candidate());
        if (state.candidate() != null && state.candidateSettled() && readPastCandidate) {
            jdbc.update("""
                    update audit_chain_state set settled_through = greatest(settled_through, candidate),
                                                 candidate = null, candidate_seen_at = null
                    """);
        }
        // The highest position committed now, seen after this statement's snapshot was taken: every transaction
        // holding a lower position had started by then.
        jdbc.update("""
                update audit_chain_state
                   set (candidate, candidate_seen_at) = (select max(global_index), clock_timestamp()
                                                           from domain_event_entry)
                 where candidate is null
                """);
        jdbc.update("update audit_chain_state set candidate = null, candidate_seen_at = null"
                + " where candidate <= settled_through");
        jdbc.update("update audit_chain_state set last_link = ?, last_hash = ?", link, HashChain.hex(hash));
        jdbc.update("""
                insert into audit_chain_head (link, position, hash, recorded_at)
                select link, position, hash, clock_timestamp() from audit_chain_link where link = ?
                   and not exists (select 1 from audit_chain_head
                                    where recorded_at > clock_timestamp() - make_interval(secs => ?))
                on conflict do nothing
                """, link, properties.headInterval().toMillis() / 1000.0);
        return rows.size();
    }

    private static EventRow row(ResultSet rs, int rowNumber) throws SQLException {
        return new EventRow(rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("type"),
                rs.getString("timestamp"), rs.getString("payload_type"), rs.getString("payload_revision"),
                rs.getBytes("payload"), rs.getBytes("meta_data"));
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        var thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var named = new Thread(runnable, "audit-chain-builder");
            named.setDaemon(true);
            return named;
        });
        thread.scheduleWithFixedDelay(this::catchUp, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
        worker = thread;
    }

    @Override
    public void stop() {
        var running = worker;
        worker = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
