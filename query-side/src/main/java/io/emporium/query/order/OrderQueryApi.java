package io.emporium.query.order;

import io.emporium.contracts.order.OrderHistory;
import io.emporium.contracts.order.OrderQuery.FindOrder;
import io.emporium.contracts.order.OrderQuery.FindOrderHistory;
import io.emporium.contracts.order.OrderView;
import io.emporium.query.InvalidQueryParameterException;
import io.emporium.query.order.OrderChanges.Change;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Orders as the read model knows them: one order with its timeline, a customer's history, and an order's status
 * live. A client that passes the position a command returned (parameter {@code position} or header
 * {@value #POSITION_HEADER}) reads its own write: the answer waits, bounded, until the projection has applied it.
 */
@RestController
class OrderQueryApi {

    static final String POSITION_HEADER = "Emporium-Position";
    private static final Set<String> FINAL_STATUSES = Set.of("REJECTED", "CANCELLED", "DELIVERED");
    /** Status changes held for a client that reads slower than they happen; beyond it the oldest are dropped. */
    private static final int SLOW_CLIENT_BUFFER = 32;

    private final OrderViews orders;
    private final OrderChanges changes;
    private final Duration readYourWritesTimeout;
    private final Duration heartbeat;

    OrderQueryApi(OrderViews orders, OrderChanges changes,
                  @Value("${emporium.query.read-your-writes-timeout:2s}") Duration readYourWritesTimeout,
                  @Value("${emporium.query.live-heartbeat:15s}") Duration heartbeat) {
        this.orders = orders;
        this.changes = changes;
        this.readYourWritesTimeout = readYourWritesTimeout;
        this.heartbeat = heartbeat;
    }

    /** What a live stream tells of each step. */
    record StatusEvent(String orderId, String status, long position) {}

    @GetMapping("/orders/{orderId}")
    Mono<OrderView> order(@PathVariable String orderId,
                          @RequestParam(name = "position", required = false) @Nullable Long position,
                          @RequestHeader(name = POSITION_HEADER, required = false) @Nullable String positionHeader) {
        var atLeast = position(position, positionHeader);
        return (atLeast == null ? orders.answer(new FindOrder(orderId)) : atLeast(orderId, atLeast))
                .switchIfEmpty(Mono.error(() -> unknown(orderId)));
    }

    @GetMapping("/customers/{customerId}/orders")
    Mono<OrderHistory> history(@PathVariable String customerId,
                               @RequestParam(name = "page", defaultValue = "0") int page,
                               @RequestParam(name = "size", defaultValue = "20") int size) {
        if (page < 0 || page > 10_000) {
            return Mono.error(new InvalidQueryParameterException("page", "must be between 0 and 10000"));
        }
        if (size < 1 || size > 100) {
            return Mono.error(new InvalidQueryParameterException("size", "must be between 1 and 100"));
        }
        return orders.answer(new FindOrderHistory(customerId, page, size));
    }

    /**
     * The order's status now, then every change as the projection applies it, in order, until a final status.
     * Driven by the database's change notices; nothing polls per client.
     */
    @GetMapping(path = "/orders/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<StatusEvent>> events(@PathVariable String orderId,
            @RequestParam(name = "position", required = false) @Nullable Long position,
            @RequestHeader(name = POSITION_HEADER, required = false) @Nullable String positionHeader) {
        var atLeast = position(position, positionHeader);
        var first = atLeast == null ? orders.answer(new FindOrder(orderId)) : atLeast(orderId, atLeast);
        return first.switchIfEmpty(Mono.error(() -> unknown(orderId)))
                .flatMapMany(view -> statusFrom(view))
                .map(event -> ServerSentEvent.builder(event).id(Long.toString(event.position())).event("status")
                        .build())
                .mergeWith(Flux.interval(heartbeat).map(tick -> ServerSentEvent.<StatusEvent>builder()
                        .comment("still here").build()))
                .takeUntil(event -> event.data() != null && FINAL_STATUSES.contains(event.data().status()));
    }

    private Flux<StatusEvent> statusFrom(OrderView view) {
        var shown = new AtomicLong(view.position());
        var find = new FindOrder(view.orderId());
        Flux<StatusEvent> later = changes.of(view.orderId())
                .onBackpressureBuffer(SLOW_CLIENT_BUFFER, dropped -> {}, BufferOverflowStrategy.DROP_OLDEST)
                .concatMap(change -> switch (change) {
                    case Change.Changed changed -> Mono.just(new StatusEvent(changed.orderId(), changed.status(),
                            changed.position()));
                    case Change.Resync resync -> orders.answer(find)
                            .map(current -> new StatusEvent(current.orderId(), current.status(), current.position()));
                }, 1)
                .filter(event -> event.position() > shown.get())
                .doOnNext(event -> shown.set(event.position()));
        return Flux.just(new StatusEvent(view.orderId(), view.status(), view.position())).concatWith(later);
    }

    /**
     * Listens first, then reads: a change committed between the two is not missed. Reads again on every notice
     * about this order until the row shows the position, or answers 503 when the bound passes.
     */
    private Mono<OrderView> atLeast(String orderId, long position) {
        var find = new FindOrder(orderId);
        return changes.of(orderId)
                .filter(change -> !(change instanceof Change.Changed changed) || changed.position() >= position)
                .onBackpressureLatest()
                .concatMap(change -> orders.answer(find), 1)
                .filter(view -> view.position() >= position)
                .next()
                .timeout(readYourWritesTimeout, Mono.error(() -> new NotYetVisibleException(position,
                        "Order " + orderId + " does not show position " + position + " yet; retry shortly.")));
    }

    private static @Nullable Long position(@Nullable Long parameter, @Nullable String header) {
        if (parameter != null) {
            if (parameter < 0) {
                throw new InvalidQueryParameterException("position", "must be a position a command returned");
            }
            return parameter;
        }
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            var parsed = Long.parseLong(header.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryParameterException(POSITION_HEADER, "must be a position a command returned");
    }

    private static ResponseStatusException unknown(String orderId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + orderId + " is known (yet).");
    }
}
