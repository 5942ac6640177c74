package io.emporium.command.idempotency;

import io.emporium.command.idempotency.IdempotencyReply.Executed;
import io.emporium.command.idempotency.IdempotencyReply.KeyReusedForAnotherRequest;
import io.emporium.command.idempotency.IdempotencyReply.Replayed;
import io.emporium.eventstore.AggregateStreams;
import io.emporium.eventstore.Correlation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.DisposableBean;
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
 * the client may simply retry. Under load, requests on different aggregates share transactions
 * ({@link GroupCommits}); each still gets its own key, response and version.
 */
@Component
public class IdempotentRequests implements DisposableBean {

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
    private final GroupCommits groupCommits;
    private final AggregateStreams streams;

    IdempotentRequests(JdbcTemplate jdbc, TransactionManager transactions, IdempotencyProperties properties,
                       Clock clock, JsonMapper json, WrittenPositions positions, AggregateStreams streams,
                       ObjectProvider<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.streams = streams;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
        this.positions = positions;
        // One registry for every meter: without a MeterRegistry bean, each lookup would make its own fallback.
        var registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.conflictRetries = Counter.builder("emporium.commands.conflict.retries")
                .description("Requests run again because another writer appended to the same aggregate first")
                .register(registry);
        var batchSizes = DistributionSummary.builder("emporium.commands.batch.size")
                .description("Requests committed together in one transaction").register(registry);
        var failedBatches = Counter.builder("emporium.commands.batch.failures")
                .description("Batches rolled back, whose requests then ran one by one").register(registry);
        this.groupCommits = new GroupCommits(properties.writers(), properties.batchSize(), this::commitTogether,
                new GroupCommits.BatchMetrics() {
                    @Override
                    public void committed(int requests) {
                        batchSizes.record(requests);
                    }

                    @Override
                    public void failed(int requests) {
                        failedBatches.increment();
                    }
                });
    }

    @Override
    public void destroy() {
        groupCommits.close();
    }

    /**
     * Runs a request alone, in a transaction of its own.
     *
     * @param work the request's effect, run on a thread that may block, inside the transaction (it sends its command
     *             on this thread, so the command's unit of work nests in ours); it says how to respond once its
     *             events are appended
     */
    public Mono<IdempotencyReply> execute(IdempotentRequest request, Supplier<PendingResponse> work) {
        return Mono.deferContextual(context -> alone(request, work, context.getOrDefault(Correlation.CONTEXT_KEY,
                null)));
    }

    /**
     * Runs a request that changes one aggregate, committed together with whatever other such requests arrive
     * meanwhile ({@link GroupCommits}); it runs alone when it cannot join a batch or its batch failed.
     *
     * @param aggregateId the one aggregate whose version and position the answer carries
     */
    public Mono<IdempotencyReply> execute(IdempotentRequest request, String aggregateId,
                                          Supplier<PendingResponse> work) {
        return Mono.deferContextual(context -> {
            String correlationId = context.getOrDefault(Correlation.CONTEXT_KEY, null);
            return Mono.<Optional<IdempotencyReply>>create(sink -> groupCommits.submit(
                            new GroupCommits.Queued(request, aggregateId, work, correlationId, sink)))
                    .flatMap(reply -> reply.map(Mono::just).orElseGet(() -> alone(request, work, correlationId)));
        });
    }

    private Mono<IdempotencyReply> alone(IdempotentRequest request, Supplier<PendingResponse> work,
                                         @Nullable String correlationId) {
        var single = List.of(new Work(request, null, work, correlationId));
        return Mono.fromCallable(() -> inOneTransaction(single, () -> { }).getFirst()).subscribeOn(blocking)
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
     * One request's part of a transaction.
     *
     * @param aggregateId the one aggregate it changes, when it is known to change only one
     */
    private record Work(IdempotentRequest request, @Nullable String aggregateId, Supplier<PendingResponse> effect,
                        @Nullable String correlationId) {}

    private List<IdempotencyReply> commitTogether(List<GroupCommits.Queued> batch, Runnable onlyCommitLeft) {
        return inOneTransaction(batch.stream()
                .map(queued -> new Work(queued.request(), queued.aggregateId(), queued.work(), queued.correlationId()))
                .toList(), onlyCommitLeft);
    }

    /**
     * A root unit of work that owns the transaction: the commands' own units of work nest in it, so their events
     * are appended in this transaction, and event processors are woken only after this transaction really
     * committed (were they woken at the nested commit, they would find nothing yet and sleep a whole fetch delay).
     *
     * @param onlyCommitLeft run once everything but the commit itself was sent
     * @return the replies, in the order of the requests
     */
    private List<IdempotencyReply> inOneTransaction(List<Work> works, Runnable onlyCommitLeft) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        var result = unitOfWork.executeWithResult(() -> run(works, unitOfWork, onlyCommitLeft),
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            var failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return Objects.requireNonNull(result.getPayload()).get();
    }

    /** Returns the replies to give once the unit of work has committed. */
    private Supplier<List<IdempotencyReply>> run(List<Work> works, UnitOfWork<?> unitOfWork,
                                                 Runnable onlyCommitLeft) {
        var claimed = claim(works);
        var replies = new ArrayList<Supplier<IdempotencyReply>>(works.size());
        var pending = new ArrayList<Map.Entry<Work, PendingResponse>>();
        var rendered = new ConcurrentHashMap<String, StoredResponse>();
        var seen = previousReplies(works.stream().map(Work::request)
                .filter(request -> !claimed.contains(request.key())).toList());
        // One query for the streams of the batch's aggregates, where each command would read its own.
        streams.prefetch(works.stream().filter(work -> claimed.contains(work.request().key()))
                .map(Work::aggregateId).filter(Objects::nonNull).toList());
        for (var work : works) {
            var key = work.request().key();
            if (!claimed.contains(key)) {
                var previous = Objects.requireNonNull(seen.get(key));
                replies.add(() -> previous);
                continue;
            }
            try (var ignored = Correlation.open(work.correlationId())) {
                pending.add(Map.entry(work, work.effect().get()));
            }
            replies.add(() -> new Executed(Objects.requireNonNull(rendered.get(key))));
        }
        // Registered after the commands queued their events, so it runs after the event store appended them.
        unitOfWork.onPrepareCommit(committing -> {
            var written = positions.lastOf(pending.stream().map(Map.Entry::getValue)
                    .flatMap(response -> response instanceof PendingResponse.AfterAppend after
                            ? Stream.of(after.aggregateId()) : Stream.empty())
                    .distinct().toList());
            for (var entry : pending) {
                var response = switch (entry.getValue()) {
                    case PendingResponse.AfterAppend after -> after.render().apply(Objects.requireNonNull(
                            written.get(after.aggregateId()), () -> "no event of " + after.aggregateId()));
                    case PendingResponse.Ready ready -> ready.response();
                };
                rendered.put(entry.getKey().request().key(), response);
            }
            store(rendered);
            onlyCommitLeft.run();
        });
        return () -> replies.stream().map(Supplier::get).toList();
    }

    /**
     * Claims the keys in one statement, in key order so that two transactions never wait on each other's keys in
     * a cycle. An expired key is taken over as new; a live one makes the insert wait for its transaction, then skip.
     *
     * @return the keys this transaction claimed
     */
    private Set<String> claim(List<Work> works) {
        var now = clock.instant();
        var sorted = works.stream().map(Work::request)
                .sorted(Comparator.comparing(IdempotentRequest::key)).toList();
        var claimed = new HashSet<String>();
        jdbc.query("""
                insert into idempotency_key (idempotency_key, request_hash, response_status, response_headers,
                                             response_body, created_at, expires_at)
                select claim.key, claim.hash, 0, '{}', '', ?, ?
                  from unnest(?::text[], ?::text[]) with ordinality as claim(key, hash, n)
                 order by claim.n
                on conflict (idempotency_key) do update
                   set request_hash = excluded.request_hash, response_status = 0, response_headers = '{}',
                       response_body = '', created_at = excluded.created_at, expires_at = excluded.expires_at
                 where idempotency_key.expires_at <= excluded.created_at
                returning idempotency_key
                """, row -> {
            claimed.add(row.getString(1));
        }, Timestamp.from(now), Timestamp.from(now.plus(properties.ttl())),
                sorted.stream().map(IdempotentRequest::key).toArray(String[]::new),
                sorted.stream().map(IdempotentRequest::fingerprint).toArray(String[]::new));
        return claimed;
    }

    private void store(Map<String, StoredResponse> responses) {
        if (responses.isEmpty()) {
            return;
        }
        var keys = new ArrayList<String>(responses.size());
        var statuses = new ArrayList<Integer>(responses.size());
        var headers = new ArrayList<String>(responses.size());
        var bodies = new ArrayList<String>(responses.size());
        responses.forEach((key, response) -> {
            keys.add(key);
            statuses.add(response.status());
            headers.add(json.writeValueAsString(response.headers()));
            bodies.add(response.body());
        });
        jdbc.update("""
                update idempotency_key as stored
                   set response_status = given.status, response_headers = given.headers,
                       response_body = given.body
                  from unnest(?::text[], ?::int[], ?::text[], ?::text[]) as given(key, status, headers, body)
                 where stored.idempotency_key = given.key
                """, keys.toArray(String[]::new), statuses.toArray(Integer[]::new), headers.toArray(String[]::new),
                bodies.toArray(String[]::new));
    }

    /** The stored answers of keys seen before, by key. */
    private Map<String, IdempotencyReply> previousReplies(List<IdempotentRequest> requests) {
        var replies = new HashMap<String, IdempotencyReply>();
        if (requests.isEmpty()) {
            return replies;
        }
        var fingerprints = new HashMap<String, String>();
        requests.forEach(request -> fingerprints.put(request.key(), request.fingerprint()));
        jdbc.query("""
                select idempotency_key, request_hash, response_status, response_headers, response_body
                  from idempotency_key where idempotency_key = any(?)
                """, row -> {
            var key = row.getString("idempotency_key");
            replies.put(key, row.getString("request_hash").equals(fingerprints.get(key))
                    ? new Replayed(new StoredResponse(row.getInt("response_status"),
                            json.readValue(row.getString("response_headers"), HEADERS),
                            row.getString("response_body")))
                    : new KeyReusedForAnotherRequest());
        }, (Object) fingerprints.keySet().toArray(String[]::new));
        return replies;
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
