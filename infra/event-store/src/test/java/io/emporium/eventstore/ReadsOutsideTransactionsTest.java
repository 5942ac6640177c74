package io.emporium.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class ReadsOutsideTransactionsTest {

    private final List<String> started = new ArrayList<>();
    private final TransactionManager spring = () -> {
        started.add("transaction");
        return new Transaction() {
            @Override
            public void commit() {
                started.add("commit");
            }

            @Override
            public void rollback() {
                started.add("rollback");
            }
        };
    };
    private final ReadsOutsideTransactions transactions = new ReadsOutsideTransactions(spring);

    @AfterEach
    void noTransactionLeftBehind() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void readsTheStoreOutsideATransactionWithoutStartingOne() {
        assertThat(transactions.fetchInTransaction(() -> "events")).isEqualTo("events");
        assertThat(started).isEmpty();
    }

    @Test
    void readsTheStoreInsideTheTransactionUnderWay() {
        TransactionSynchronizationManager.setActualTransactionActive(true);

        assertThat(transactions.fetchInTransaction(() -> "events")).isEqualTo("events");
        assertThat(started).containsExactly("transaction", "commit");
    }

    @Test
    void appendsAlwaysRunInATransaction() {
        transactions.executeInTransaction(() -> started.add("append"));

        assertThat(started).containsExactly("transaction", "append", "commit");
    }
}
