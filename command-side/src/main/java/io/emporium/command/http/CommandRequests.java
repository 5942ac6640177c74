package io.emporium.command.http;

import io.emporium.command.decision.Rejection;
import io.emporium.command.idempotency.IdempotencyReply;
import io.emporium.command.idempotency.IdempotentRequest;
import io.emporium.command.idempotency.IdempotentRequests;
import io.emporium.command.idempotency.PendingResponse;
import io.emporium.command.idempotency.StoredResponse;
import io.emporium.command.idempotency.WrittenPosition;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one path of every state-changing HTTP request: its Idempotency-Key, its If-Match precondition, the command,
 * and the answer (the success, or a business rejection as a 409 problem with a stable reason), stored under the
 * key in the transaction that records the command's events.
 */
@Component
public class CommandRequests {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** An ETag as this API issues it (the aggregate version), strong or weak. */
    private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private final IdempotentRequests idempotentRequests;
    private final Commands commands;
    private final JsonMapper json;

    CommandRequests(IdempotentRequests idempotentRequests, Commands commands, JsonMapper json) {
        this.idempotentRequests = idempotentRequests;
        this.commands = commands;
        this.json = json;
    }

    /**
     * What a command's success looks like to the client.
     *
     * @param location the created resource, for 201 answers
     */
    public record Success(HttpStatus status, @Nullable String location, Object body) {

        public static Success ok(Object body) {
            return new Success(HttpStatus.OK, null, body);
        }

        public static Success created(String location, Object body) {
            return new Success(HttpStatus.CREATED, location, body);
        }
    }

    /**
     * @param requestBody the decoded, validated body: its canonical JSON is part of the request's fingerprint
     * @param aggregateId the aggregate the command goes to, whose version and position the answer carries
     */
    public Mono<ResponseEntity<?>> send(ServerHttpRequest http, @Nullable String idempotencyKey,
                                        @Nullable Object requestBody, Object command, String aggregateId,
                                        Success success) {
        return send(http, idempotencyKey, requestBody, aggregateId, success, true,
                (commands, expectedVersion) -> commands.sendAndWait(command, expectedVersion));
    }

    /** The work of a request that takes more than one command; they all commit together or not at all. */
    @FunctionalInterface
    public interface Work {
        /**
         * @param expectedVersion from If-Match, for the first command
         * @return a {@link Rejection}, or anything else for success
         */
        @Nullable Object run(Commands commands, @Nullable Long expectedVersion);
    }

    /**
     * Does what a request needs before its transaction, such as a call to the PSP, without holding the event loop
     * while it waits: no database connection waits for it. A request without a valid key is refused before anything
     * is done.
     */
    public <T> Mono<T> prepare(@Nullable String idempotencyKey, Supplier<Mono<T>> beforeTransaction) {
        if (idempotencyKey == null || !IdempotentRequest.isValidKey(idempotencyKey)) {
            return Mono.error(missingKey());
        }
        return Mono.defer(beforeTransaction);
    }

    private static ServerWebInputException missingKey() {
        return new ServerWebInputException(
                IDEMPOTENCY_KEY + " is required: 1 to 255 visible ASCII characters, unique per intended change");
    }

    /** @param aggregateId the aggregate whose version and position the successful answer carries */
    public Mono<ResponseEntity<?>> send(ServerHttpRequest http, @Nullable String idempotencyKey,
                                        @Nullable Object requestBody, String aggregateId, Success success,
                                        Work work) {
        return send(http, idempotencyKey, requestBody, aggregateId, success, false, work);
    }

    /**
     * @param oneAggregate the work changes {@code aggregateId} only, so it may share a transaction with other such
     *                     requests
     */
    private Mono<ResponseEntity<?>> send(ServerHttpRequest http, @Nullable String idempotencyKey,
                                         @Nullable Object requestBody, String aggregateId, Success success,
                                         boolean oneAggregate, Work work) {
        if (idempotencyKey == null || !IdempotentRequest.isValidKey(idempotencyKey)) {
            return Mono.error(missingKey());
        }
        var expectedVersion = expectedVersion(http.getHeaders().getFirst(HttpHeaders.IF_MATCH));
        var request = IdempotentRequest.of(idempotencyKey, http.getMethod().name(), http.getPath().value(),
                requestBody == null ? new byte[0] : json.writeValueAsBytes(requestBody));
        Supplier<PendingResponse> effect = () -> {
            var answer = work.run(commands, expectedVersion);
            return answer instanceof Rejection rejection ? PendingResponse.ready(rejected(rejection))
                    : PendingResponse.afterAppend(aggregateId, written -> succeeded(success, written));
        };
        return (oneAggregate ? idempotentRequests.execute(request, aggregateId, effect)
                : idempotentRequests.execute(request, effect)).map(IdempotencyReply::toHttpResponse);
    }

    private StoredResponse succeeded(Success success, WrittenPosition written) {
        var headers = new HashMap<String, String>(Map.of(
                HttpHeaders.ETAG, written.etag(),
                WrittenPosition.POSITION_HEADER, Long.toString(written.position()),
                HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE));
        if (success.location() != null) {
            headers.put(HttpHeaders.LOCATION, success.location());
        }
        return new StoredResponse(success.status().value(), headers, json.writeValueAsString(success.body()));
    }

    private StoredResponse rejected(Rejection rejection) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, rejection.detail());
        problem.setTitle("Rejected by the shop's rules");
        problem.setProperty("reason", rejection.reason());
        return new StoredResponse(HttpStatus.CONFLICT.value(),
                Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE),
                json.writeValueAsString(problem));
    }

    /** "*" or no header: any version will do. */
    private static @Nullable Long expectedVersion(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        var tag = VERSION_TAG.matcher(ifMatch.trim());
        if (!tag.matches()) {
            throw new ServerWebInputException("If-Match must be an ETag this API issued, such as \"3\"");
        }
        return Long.parseLong(tag.group(1));
    }
}
