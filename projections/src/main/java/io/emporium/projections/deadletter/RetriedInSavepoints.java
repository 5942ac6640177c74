package io.emporium.projections.deadletter;

import java.lang.reflect.Executable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets a dead-lettering processor park a failing event while the rest of its batch commits, and tries a failing
 * event again in place, after a pause, before it is parked.
 *
 * <p>A processor handles a whole batch in one transaction. On PostgreSQL a failed SQL statement aborts that
 * transaction, and a handler that throws after writing leaves half a row, so a failing event can be parked safely
 * only if it ran in a savepoint: rolled back to it, the event leaves nothing behind and the transaction stays usable
 * for the dead letter, the other events of the batch and the token.
 *
 * <p>Savepoints cost two statements (two round trips) per event, and events almost never fail, so a batch first runs
 * without them. When an event fails there, it is marked, and the whole batch fails ({@link IsolationNeeded}): the
 * processor rolls it back and runs it again once it claims the segment again, and this time the marked event runs
 * in savepoints, a fresh one per attempt, so a deadlock or a statement timeout is retried on a clean slate. Every
 * other event of the retried batch still runs without one: should another fail, it is marked in turn. A mark is
 * dropped once a transaction with the event in its savepoint committed. A letter that an operator retries gets one
 * attempt, in a savepoint: the operator is the retry loop then.
 *
 * <p>Each savepoint that writes is a subtransaction with its own id; PostgreSQL tracks up to 64 of them per
 * transaction cheaply, which the processor batch size of 64 respects.
 */
final class RetriedInSavepoints implements HandlerDefinition {

    /**
     * Beyond this many marks at once (a flood of failures, or events whose segment moved to another instance), all
     * are forgotten: an event that still fails fails its batch once more and is marked again.
     */
    static final int MAX_MARKED = 10_000;

    private final HandlerDefinition handlers;
    private final DataSource dataSource;
    private final DeadLetterProperties settings;
    /** Identifiers of events that failed without a savepoint and run in savepoints until their batch commits. */
    private final Set<String> marked = ConcurrentHashMap.newKeySet();

    RetriedInSavepoints(HandlerDefinition handlers, DataSource dataSource, DeadLetterProperties settings) {
        this.handlers = handlers;
        this.dataSource = dataSource;
        this.settings = settings;
    }

    @Override
    public <T> Optional<MessageHandlingMember<T>> createHandler(Class<T> declaringType, Executable executable,
                                                                ParameterResolverFactory parameterResolverFactory) {
        return handlers.createHandler(declaringType, executable, parameterResolverFactory)
                .map(member -> member.canHandleMessageType(EventMessage.class) ? new Retried<>(member) : member);
    }

    private final class Retried<T> extends WrappedMessageHandlingMember<T> {

        Retried(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(Message<?> message, @Nullable T target) throws Exception {
            if (operatorRetry()) {
                return inSavepoint(() -> super.handle(message, target));
            }
            var event = message.getIdentifier();
            if (TransactionSynchronizationManager.isActualTransactionActive() && !marked.contains(event)) {
                try {
                    return super.handle(message, target);
                } catch (Exception failure) {
                    mark(event);
                    throw new IsolationNeeded(event, failure);
                }
            }
            // Applied or parked, the event is done once this batch commits; an outage rolls it back, mark and all.
            unmarkOnCommit(event);
            for (int retry = 0; ; retry++) {
                try {
                    return inSavepoint(() -> super.handle(message, target));
                } catch (EventNotIsolated notIsolated) {
                    throw notIsolated;
                } catch (Exception failure) {
                    if (retry == settings.retries()) {
                        throw failure;
                    }
                    pause(retry + 1, failure);
                }
            }
        }

        private void pause(int retry, Exception failure) throws Exception {
            try {
                Thread.sleep(settings.pauseBefore(retry));
            } catch (InterruptedException interrupted) {
                // The processor is shutting down: give up on this attempt, never on the event (see DeadLetterPolicy).
                Thread.currentThread().interrupt();
                failure.addSuppressed(interrupted);
                throw failure;
            }
        }
    }

    private void mark(String event) {
        if (marked.size() >= MAX_MARKED) {
            marked.clear();
        }
        marked.add(event);
    }

    /** Drops the mark once the batch that ran the event in a savepoint committed; a rollback keeps it. */
    private void unmarkOnCommit(String event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    marked.remove(event);
                }
            });
        } else {
            marked.remove(event);
        }
    }

    /** Whether the event is a dead letter that an operator asked to retry (Axon marks its unit of work so). */
    private static boolean operatorRetry() {
        return CurrentUnitOfWork.map(unitOfWork -> unitOfWork.resources().containsKey(DeadLetter.class.getName()))
                .orElse(false);
    }

    private Object inSavepoint(Callable<Object> handler) throws Exception {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return handler.call();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint;
            try {
                savepoint = connection.setSavepoint();
            } catch (SQLException e) {
                throw new EventNotIsolated(e);
            }
            Object result;
            try {
                result = handler.call();
            } catch (Exception failure) {
                try {
                    connection.rollback(savepoint);
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException e) {
                    var notIsolated = new EventNotIsolated(e);
                    notIsolated.addSuppressed(failure);
                    throw notIsolated;
                }
                throw failure;
            }
            try {
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                throw new EventNotIsolated(e);
            }
            return result;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * An event failed in a batch that ran without savepoints, so its writes cannot be undone alone: the whole batch
     * must roll back and run again, with this event in savepoints. Never dead-lettered ({@link DeadLetterPolicy}).
     */
    static final class IsolationNeeded extends RuntimeException {
        IsolationNeeded(String event, Exception cause) {
            super("event " + event + " failed outside a savepoint; its batch runs again with the event in one: "
                    + cause.getMessage(), cause);
        }
    }

    /**
     * The savepoint around an event could not be set, rolled back or released (the connection or the transaction is
     * gone). Such an event is never dead-lettered, since its half-written rows might commit with the letter: the
     * whole batch fails and rolls back instead.
     */
    static final class EventNotIsolated extends RuntimeException {
        EventNotIsolated(SQLException cause) {
            super("an event's savepoint failed: " + cause.getMessage(), cause);
        }
    }
}
