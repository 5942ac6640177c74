package io.emporium.command.idempotency;

import io.emporium.command.idempotency.IdempotencyReply.Executed;
import io.emporium.command.idempotency.IdempotencyReply.KeyReusedForAnotherRequest;
import io.emporium.command.idempotency.IdempotencyReply.Replayed;
import io.emporium.eventstore.Correlation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a state-changing request at most once per idempotency key, Stripe-style. The key is claimed first, inside the
 * same PostgreSQL transaction that appends the request's events and stores its response, so:
 * a retry after success gets the stored response; a duplicate arriving while the first still runs waits on the
 * key's row and then gets the first one's response; a failure rolls back key, events and response together, so
 * the client may simply retry.
 */
@Component
public class IdempotentRequests {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
    private static final int CONFLICT_RETRIES = 10;

    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;
    private final IdempotencyProperties properties;
    private final Clock clock;
    private final JsonMapper json;
    private final WrittenPositions positions;
    private final Counter conflictRetries;
    private final Scheduler blocking = Schedulers.boundedElastic();

    IdempotentRequests(JdbcTemplate jdbc, TransactionManager transactions, IdempotencyProperties properties,
                       Clock clock, JsonMapper json, WrittenPositions positions,
                       ObjectProvider<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
        this.positions = positions;
        this.conflictRetries = Counter.builder("emporium.commands.conflict.retries")
                .description("Requests run again because another writer appended to the same aggregate first")
                .register(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * @param work the request's effect, run on a thread that may block, inside the transaction (it sends its command
     *             on this thread, so the command's unit of work nests in ours); it says how to respond once its
     *             events are appended
     */
    public Mono<IdempotencyReply> execute(IdempotentRequest request, Supplier<PendingResponse> work) {
        return Mono.deferContextual(context -> {
            String correlationId = context.getOrDefault(Correlation.CONTEXT_KEY, null);
            return Mono.fromCallable(() -> {
                try (var ignored = Correlation.open(correlationId)) {
                    return inOneTransaction(request, work);
                }
            });
        }).subscribeOn(blocking)
                // A conflict on an aggregate's stream (another instance appended first) rolled everything back,
                // key included: run the whole request again on fresh state. Jitter keeps a hot SKU's contenders
                // from colliding again in lockstep.
                .retryWhen(Retry.backoff(CONFLICT_RETRIES, Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(250))
                        .jitter(0.5).filter(IdempotentRequests::isStreamConflict)
                        .doBeforeRetry(signal -> conflictRetries.increment())
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private static boolean isStreamConflict(Throwable failure) {
        return failure instanceof ConcurrencyException || failure instanceof AggregateStreamCreationException;
    }

    /**
     * A root unit of work that owns the transaction: the command's own unit of work nests in it, so its events are
     * appended in this transaction, and event processors are woken only after this transaction really committed
     * (were they woken at the nested commit, they would find nothing yet and sleep a whole fetch delay).
     */
    private IdempotencyReply inOneTransaction(IdempotentRequest request, Supplier<PendingResponse> work) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        var result = unitOfWork.executeWithResult(() -> run(request, work, unitOfWork),
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            var failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return Objects.requireNonNull(result.getPayload()).get();
    }

    /** Returns the reply to give once the unit of work has committed. */
    private Supplier<IdempotencyReply> run(IdempotentRequest request, Supplier<PendingResponse> work,
                                           UnitOfWork<?> unitOfWork) {
        var now = clock.instant();
        // An expired key is taken over as new; a live one makes this insert wait for its transaction, then skip.
        var claimed = jdbc.update("""
                insert into idempotency_key (idempotency_key, request_hash, response_status, response_headers,
                                             response_body, created_at, expires_at)
                values (?, ?, 0, '{}', '', ?, ?)
                on conflict (idempotency_key) do update
                   set request_hash = excluded.request_hash, response_status = 0, response_headers = '{}',
                       response_body = '', created_at = excluded.created_at, expires_at = excluded.expires_at
                 where idempotency_key.expires_at <= excluded.created_at
                """, request.key(), request.fingerprint(), Timestamp.from(now),
                Timestamp.from(now.plus(properties.ttl())));
        if (claimed == 0) {
            var previous = previousReply(request);
            return () -> previous;
        }
        var pending = work.get();
        var response = new AtomicReference<StoredResponse>();
        // Registered after the command queued its events, so it runs after the event store appended them.
        unitOfWork.onPrepareCommit(committing -> {
            var rendered = switch (pending) {
                case PendingResponse.AfterAppend after -> after.render().apply(positions.lastOf(after.aggregateId()));
                case PendingResponse.Ready ready -> ready.response();
            };
            jdbc.update("""
                    update idempotency_key set response_status = ?, response_headers = ?, response_body = ?
                     where idempotency_key = ?
                    """, rendered.status(), json.writeValueAsString(rendered.headers()), rendered.body(),
                    request.key());
            response.set(rendered);
        });
        return () -> new Executed(Objects.requireNonNull(response.get()));
    }

    private IdempotencyReply previousReply(IdempotentRequest request) {
        return jdbc.queryForObject("""
                select request_hash, response_status, response_headers, response_body
                  from idempotency_key where idempotency_key = ?
                """, (row, n) -> row.getString("request_hash").equals(request.fingerprint())
                ? new Replayed(new StoredResponse(row.getInt("response_status"),
                        json.readValue(row.getString("response_headers"), HEADERS), row.getString("response_body")))
                : new KeyReusedForAnotherRequest(), request.key());
    }

    /** Forgets expired keys in small batches, so the table stays as large as one TTL of traffic. */
    @Scheduled(fixedDelayString = "${emporium.idempotency.cleanup-interval:10m}")
    void forgetExpiredKeys() {
        int deleted;
        do {
            deleted = jdbc.update("""
                    delete from idempotency_key where idempotency_key in (
                        select idempotency_key from idempotency_key where expires_at < now() limit 1000)
                    """);
        } while (deleted == 1000);
    }
}
