package io.emporium.projections.deadletter;

import java.lang.reflect.Executable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import java.util.concurrent.Callable;
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
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs each event handler of a dead-lettering processor in a savepoint of the processor's transaction, and tries it
 * again in place, after a pause, when it fails.
 *
 * <p>The savepoint is what makes dead-lettering safe on PostgreSQL: a processor handles a whole batch in one
 * transaction, a failed SQL statement aborts that transaction, and a handler that throws after writing leaves half a
 * row. Rolled back to its savepoint, the failed event leaves nothing behind and the transaction stays usable, so the
 * dead letter, the other events of the batch and the token still commit together.
 *
 * <p>Each attempt gets a fresh savepoint, so a deadlock or a statement timeout is retried on a clean slate. A letter
 * that an operator retries gets one attempt: the operator is the retry loop then.
 *
 * <p>Costs two statements per event ({@code SAVEPOINT}, {@code RELEASE}). Each savepoint that writes is a
 * subtransaction with its own id; PostgreSQL tracks up to 64 of them per transaction cheaply, which the processor
 * batch size of 64 respects.
 */
final class RetriedInSavepoints implements HandlerDefinition {

    private final HandlerDefinition handlers;
    private final DataSource dataSource;
    private final DeadLetterProperties settings;

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
            var retries = operatorRetry() ? 0 : settings.retries();
            for (int retry = 0; ; retry++) {
                try {
                    return inSavepoint(() -> super.handle(message, target));
                } catch (EventNotIsolated notIsolated) {
                    throw notIsolated;
                } catch (Exception failure) {
                    if (retry == retries) {
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
