package io.emporium.eventstore;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Transactions of processors that only build read models: their commit does not wait for PostgreSQL to flush the
 * write-ahead log ({@code synchronous_commit = off} for that transaction alone).
 *
 * <p>Safe because such a transaction writes nothing that cannot be rebuilt: a read model row and the processor's
 * token commit together, and a crash loses at most the last fraction of a second of both, together, which the
 * processor then applies again from the durable event store. Never for a processor that appends events or calls
 * the outside world (the checkout process): what others may have seen must be durable. Measured reason: under the
 * PlaceOrder benchmark {@code COMMIT} waiting on {@code LWLock:WALWrite} was the most common state of pg_stat_activity
 * (sampled 40 times under 8 clients), and projection batches are a share of every order's commits.
 */
public final class ReadModelTransactions implements TransactionManager {

    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;

    public ReadModelTransactions(TransactionManager transactions, JdbcTemplate jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        var transaction = transactions.startTransaction();
        try {
            jdbc.execute("set local synchronous_commit to off");
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
