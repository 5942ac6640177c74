package io.emporium.projections.deadletter;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * What happens to an event once its handler failed every attempt ({@link RetriedInSavepoints}).
 *
 * <ul>
 *   <li>It failed in a batch that ran without savepoints: no dead letter yet. The batch fails, and the processor
 *       runs it again once it claims the segment again, this time with the event in savepoints.</li>
 *   <li>It failed on its own (a bug, data the read model refuses): it becomes a dead letter with its cause, and its
 *       sequence is parked behind it while the rest of the segment moves on.</li>
 *   <li>A server it needs is out (PostgreSQL or Elasticsearch unreachable, overloaded, shutting down; the processor
 *       itself interrupted), or its writes could not be undone: no dead letter. The whole batch fails and the
 *       processor retries it with its own back-off (1 s doubling up to 60 s) for as long as the outage lasts.
 *       Otherwise an outage would park every aggregate in the stream, and someone would have to retry them all.</li>
 *   <li>An operator retried a dead letter and it failed again: it stays queued, first in its sequence, with the
 *       new cause and its retry count one higher. However many retries it has had, it is never dropped on its own:
 *       a read model missing an event is wrong without anyone noticing, whereas a dead letter is counted (the
 *       {@code emporium.dead.letters} gauge) and listed. Dropping it is an operator's decision: evict.</li>
 * </ul>
 */
final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** Diagnostics key: how often an operator retried the letter. */
    static final String RETRIES = "retries";
    /** Diagnostics key: how many attempts the processor made before dead-lettering it. */
    static final String ATTEMPTS = "attempts";

    /** SQLState classes of a server problem, not the event's: connection, transaction rollback, resources, operator. */
    private static final Set<String> OUTAGE_SQL_STATES = Set.of("08", "40", "53", "57", "58");

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPolicy.class);

    private final String processor;
    private final DeadLetterProperties settings;

    DeadLetterPolicy(String processor, DeadLetterProperties settings) {
        this.processor = processor;
        this.settings = settings;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (cause instanceof RetriedInSavepoints.IsolationNeeded isolationNeeded) {
            throw isolationNeeded;
        }
        if (beingRetried()) {
            var retries = retries(letter) + 1;
            return Decisions.requeue(ThrowableCause.truncated(cause),
                    requeued -> requeued.diagnostics().and(RETRIES, retries));
        }
        if (isOutage(cause)) {
            throw new ProcessingStalled(letter.message(), cause);
        }
        var event = letter.message();
        LOG.warn("{} parks event {} ({}{}) as a dead letter after {} attempts; later events of its sequence wait "
                        + "behind it until it is retried or evicted (/ops/dead-letters/{})", processor,
                event.getIdentifier(), event.getPayloadType().getSimpleName(),
                event instanceof DomainEventMessage<?> domain ? " of " + domain.getAggregateIdentifier() : "",
                settings.attempts(), processor, cause);
        return Decisions.enqueue(ThrowableCause.truncated(cause),
                enqueued -> enqueued.diagnostics().and(RETRIES, 0L).and(ATTEMPTS, (long) settings.attempts()));
    }

    /** How often an operator retried the letter so far. */
    static long retries(DeadLetter<?> letter) {
        return letter.diagnostics().get(RETRIES) instanceof Number retries ? retries.longValue() : 0L;
    }

    /** Whether the failure is an operator's retry of a dead letter (Axon marks its unit of work so). */
    private static boolean beingRetried() {
        return CurrentUnitOfWork.map(unitOfWork -> unitOfWork.resources().containsKey(DeadLetter.class.getName()))
                .orElse(false);
    }

    /** Whether anything in the cause chain says a server, not the event, is the problem. */
    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isOutageItself(cause)) {
                return true;
            }
            for (var suppressed : cause.getSuppressed()) {
                if (suppressed instanceof InterruptedException) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private static boolean isOutageItself(Throwable cause) {
        return switch (cause) {
            case RetriedInSavepoints.EventNotIsolated ignored -> true;
            case InterruptedException ignored -> true;
            case TransientDataAccessException ignored -> true;
            case RecoverableDataAccessException ignored -> true;
            case DataAccessResourceFailureException ignored -> true;
            case SQLTransientException ignored -> true;
            case SQLRecoverableException ignored -> true;
            case SQLException sql -> sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && OUTAGE_SQL_STATES.contains(sql.getSQLState().substring(0, 2));
            // Elasticsearch answered: overloaded or failing is an outage, a refused document is the event's.
            case ElasticsearchException refused -> isServerTrouble(refused.status());
            case TransportException transport -> isServerTrouble(transport.statusCode())
                    || transport.statusCode() <= 0;
            case IOException ignored -> true;
            default -> false;
        };
    }

    private static boolean isServerTrouble(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** Thrown out of the processor's handling to fail the batch, so that it is retried rather than dead-lettered. */
    static final class ProcessingStalled extends RuntimeException {
        ProcessingStalled(EventMessage<?> event, Throwable cause) {
            super("Not dead-lettering event " + event.getIdentifier() + " (" + event.getPayloadType().getSimpleName()
                    + "): a server it needs is out; the processor retries the batch", cause);
        }
    }
}
