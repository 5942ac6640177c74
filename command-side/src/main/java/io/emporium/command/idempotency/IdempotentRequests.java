package io.emporium.command.idempotency;

import io.emporium.command.idempotency.IdempotencyReply.Executed;
import io.emporium.command.idempotency.IdempotencyReply.KeyReusedForAnotherRequest;
import io.emporium.command.idempotency.IdempotencyReply.Replayed;
import io.emporium.eventstore.Correlation;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
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

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final IdempotencyProperties properties;
    private final Clock clock;
    private final JsonMapper json;
    private final Scheduler blocking = Schedulers.boundedElastic();

    IdempotentRequests(JdbcTemplate jdbc, TransactionTemplate transactions, IdempotencyProperties properties,
                       Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    /**
     * @param work the request's effect, run on a thread that may block; it joins the transaction (Axon's unit of
     *             work does) and returns the response to store
     */
    public Mono<IdempotencyReply> execute(IdempotentRequest request, Supplier<StoredResponse> work) {
        return Mono.deferContextual(context -> {
            String correlationId = context.getOrDefault(Correlation.CONTEXT_KEY, null);
            return Mono.fromCallable(() -> {
                try (var ignored = Correlation.open(correlationId)) {
                    return Objects.requireNonNull(transactions.execute(tx -> run(request, work)));
                }
            });
        }).subscribeOn(blocking);
    }

    private IdempotencyReply run(IdempotentRequest request, Supplier<StoredResponse> work) {
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
            return previousReply(request);
        }
        var response = work.get();
        jdbc.update("""
                update idempotency_key set response_status = ?, response_headers = ?, response_body = ?
                 where idempotency_key = ?
                """, response.status(), json.writeValueAsString(response.headers()), response.body(), request.key());
        return new Executed(response);
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
