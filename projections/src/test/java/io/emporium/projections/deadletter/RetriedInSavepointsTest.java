package io.emporium.projections.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * When an event gets a savepoint, and its bounded retries in place before Axon gets to dead-letter it (on a real
 * database: see DeadLetteringIT). The transaction here is a bound connection that records the savepoint calls.
 */
class RetriedInSavepointsTest {

    private static final DeadLetterProperties SETTINGS =
            new DeadLetterProperties(3, Duration.ofMillis(1), Duration.ofMillis(4));

    /** Fails its first {@code failures} attempts at any event. */
    static final class Flaky {
        final AtomicInteger attempts = new AtomicInteger();
        final int failures;

        Flaky(int failures) {
            this.failures = failures;
        }

        @EventHandler
        void on(String event) {
            if (attempts.incrementAndGet() <= failures) {
                throw new IllegalStateException("attempt " + attempts.get() + " failed");
            }
        }
    }

    private final DataSource dataSource = new DriverManagerDataSource();
    private final List<String> savepointCalls = new ArrayList<>();

    private AnnotationEventHandlerAdapter retried(Flaky handler) {
        return new AnnotationEventHandlerAdapter(handler, ClasspathParameterResolverFactory.forClass(Flaky.class),
                new RetriedInSavepoints(ClasspathHandlerDefinition.forClass(Flaky.class), dataSource, SETTINGS));
    }

    /** Runs {@code batch} as a processor's transaction that commits if it returns and rolls back if it throws. */
    private void inTransaction(ThrowingCallable batch) throws Throwable {
        var connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    if (method.getName().contains("Savepoint") || method.getName().equals("rollback")) {
                        savepointCalls.add(method.getName());
                    }
                    return method.getName().equals("setSavepoint")
                            ? Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Savepoint.class},
                                    (savepoint, call, none) -> null)
                            : null;
                });
        TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(connection));
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            batch.call();
            TransactionSynchronizationUtils.invokeAfterCommit(TransactionSynchronizationManager.getSynchronizations());
        } finally {
            TransactionSynchronizationManager.clear();
            TransactionSynchronizationManager.unbindResource(dataSource);
        }
    }

    @Test
    void eventsThatApplyInABatchRunWithoutSavepoints() throws Throwable {
        var handler = retried(new Flaky(0));

        inTransaction(() -> {
            handler.handle(GenericEventMessage.asEventMessage("order placed"));
            handler.handle(GenericEventMessage.asEventMessage("order confirmed"));
        });

        assertThat(savepointCalls).isEmpty();
    }

    @Test
    void anEventThatFailsWithoutASavepointFailsItsBatchAndRunsInSavepointsUntilItsBatchCommits() throws Throwable {
        var flaky = new Flaky(1);
        var handler = retried(flaky);
        EventMessage<?> event = GenericEventMessage.asEventMessage("order placed");

        assertThatThrownBy(() -> inTransaction(() -> handler.handle(event)))
                .isInstanceOf(RetriedInSavepoints.IsolationNeeded.class).hasRootCauseMessage("attempt 1 failed");
        assertThat(savepointCalls).isEmpty();

        inTransaction(() -> handler.handle(event));
        assertThat(flaky.attempts).hasValue(2);
        assertThat(savepointCalls).containsExactly("setSavepoint", "releaseSavepoint");

        inTransaction(() -> handler.handle(event));
        assertThat(flaky.attempts).hasValue(3);
        assertThat(savepointCalls).hasSize(2);
    }

    @Test
    void anEventThatFailsAFewTimesIsAppliedWithoutEverBecomingADeadLetter() throws Exception {
        var handler = new Flaky(3);

        retried(handler).handle(GenericEventMessage.asEventMessage("order placed"));

        assertThat(handler.attempts).hasValue(4);
    }

    @Test
    void anEventThatKeepsFailingIsGivenUpAfterTheRetriesWithItsLastFailure() {
        var handler = new Flaky(Integer.MAX_VALUE);

        assertThatThrownBy(() -> retried(handler).handle(GenericEventMessage.asEventMessage("order placed")))
                .hasMessage("attempt 4 failed");
        assertThat(handler.attempts).hasValue(4);
    }

    @Test
    void aDeadLetterAnOperatorRetriesGetsOneAttempt() {
        var handler = new Flaky(Integer.MAX_VALUE);
        EventMessage<?> event = GenericEventMessage.asEventMessage("order placed");
        var retry = DefaultUnitOfWork.startAndGet(event);
        retry.resources().put(DeadLetter.class.getName(), new GenericDeadLetter<>("order-1", event));
        try {
            assertThatThrownBy(() -> retried(handler).handle(event)).hasMessage("attempt 1 failed");
            assertThat(handler.attempts).hasValue(1);
        } finally {
            retry.rollback();
        }
    }
}
