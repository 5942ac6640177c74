package io.emporium.query.audit;

import io.emporium.audit.chain.ChainVerifier;
import io.emporium.audit.chain.EventRow;
import io.emporium.audit.chain.ExportFormat;
import io.emporium.audit.chain.Verdict;
import io.emporium.contracts.order.OrderEvent;
import io.emporium.query.InvalidQueryParameterException;
import io.emporium.query.audit.OrderReplay.Moment;
import io.emporium.query.audit.OrderReplay.Recorded;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What auditors ask of the event history itself: an order's every event with its origin, the order as it stood at
 * any moment, and whether the stored events are still those the hash chain linked.
 */
@RestController
class AuditQueryApi {

    /** Axon's metadata keys as this engine uses them (see io.emporium.eventstore.Correlation and CommandOrigin). */
    private static final String CORRELATION = "traceId";
    private static final String CAUSATION = "correlationId";
    private static final String COMMAND = "command";
    private static final String ACTOR = "actor";
    private static final Map<String, Class<?>> ORDER_EVENTS = Arrays.stream(OrderEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity()));

    private final EventTable events;
    private final JsonMapper json;

    AuditQueryApi(EventTable events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    @GetMapping("/audit/orders/{orderId}/history")
    Mono<AuditTrail> history(@PathVariable String orderId) {
        return events.ofOrder(orderId)
                .map(this::entry)
                .collectList()
                .filter(entries -> !entries.isEmpty())
                .map(entries -> new AuditTrail(orderId, entries))
                .switchIfEmpty(Mono.error(() -> unknown(orderId)));
    }

    /** @param asOf a global position (digits) or an ISO-8601 time; absent: now */
    @GetMapping("/audit/orders/{orderId}")
    Mono<OrderAsOf> order(@PathVariable String orderId,
                          @RequestParam(name = "asOf", required = false) @Nullable String asOf) {
        var moment = moment(asOf);
        return events.ofOrder(orderId)
                .filter(row -> row.aggregateIdentifier().equals(orderId))
                .map(this::recorded)
                .collectList()
                .flatMap(recorded -> Mono.justOrEmpty(OrderReplay.asOf(recorded, moment)))
                .switchIfEmpty(Mono.error(() -> unknown(orderId)));
    }

    /** Recomputes the chain over positions {@code from} to {@code to}: OK, or the first position tampered with. */
    @GetMapping("/audit/verify")
    Mono<Verdict> verify(@RequestParam(name = "from", required = false) @Nullable Long from,
                         @RequestParam(name = "to", required = false) @Nullable Long to) {
        var range = range(from, to);
        return events.chain(range[0], range[1])
                .reduceWith(ChainVerifier::new, ChainVerifier::accept)
                .map(ChainVerifier::verdict);
    }

    /** The chain over a range with the rows it covers, streamed, for {@code ./emporium audit verify <file>}. */
    @GetMapping(path = "/audit/export", produces = ExportFormat.MEDIA_TYPE)
    Flux<String> export(@RequestParam(name = "from", required = false) @Nullable Long from,
                        @RequestParam(name = "to", required = false) @Nullable Long to) {
        var range = range(from, to);
        return events.chain(range[0], range[1]).map(record -> ExportFormat.line(record) + "\n");
    }

    private AuditTrail.Entry entry(EventRow row) {
        var metaData = row.metaData() == null ? json.createObjectNode() : json.readTree(row.metaData());
        var payloadType = row.payloadType();
        return new AuditTrail.Entry(row.position(), row.eventIdentifier(), row.aggregateIdentifier(),
                row.sequenceNumber(), Instant.parse(row.timestamp()),
                payloadType.substring(Math.max(payloadType.lastIndexOf('$'), payloadType.lastIndexOf('.')) + 1),
                json.readTree(row.payload()), text(metaData, ACTOR), text(metaData, COMMAND),
                text(metaData, CORRELATION), text(metaData, CAUSATION));
    }

    private Recorded recorded(EventRow row) {
        var type = ORDER_EVENTS.get(row.payloadType());
        if (type == null) {
            throw new IllegalStateException("not an order event at position " + row.position() + ": "
                    + row.payloadType());
        }
        return new Recorded(row.position(), Instant.parse(row.timestamp()),
                (OrderEvent) json.readValue(row.payload(), type));
    }

    private static @Nullable String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Moment moment(@Nullable String asOf) {
        if (asOf == null) {
            return new Moment.Now();
        }
        var given = asOf.trim();
        try {
            if (!given.isEmpty() && given.chars().allMatch(Character::isDigit)) {
                return new Moment.Position(Long.parseLong(given));
            }
            return new Moment.Time(given.endsWith("Z") ? Instant.parse(given)
                    : OffsetDateTime.parse(given).toInstant());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new InvalidQueryParameterException("asOf",
                    "must be a global position or an ISO-8601 time with offset, e.g. 2026-05-01T12:00:00Z");
        }
    }

    private static long[] range(@Nullable Long from, @Nullable Long to) {
        var lowest = from == null ? 0 : from;
        var highest = to == null ? Long.MAX_VALUE : to;
        if (lowest < 0) {
            throw new InvalidQueryParameterException("from", "must be a global position, 0 or more");
        }
        if (highest < lowest) {
            throw new InvalidQueryParameterException("to", "must not be below from");
        }
        return new long[] {lowest, highest};
    }

    private static ResponseStatusException unknown(String orderId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + orderId + " is known (yet).");
    }
}
