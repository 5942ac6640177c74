package io.emporium.query.order;

import io.emporium.contracts.order.OrderHistory;
import io.emporium.contracts.order.OrderQuery.FindOrder;
import io.emporium.contracts.order.OrderQuery.FindOrderHistory;
import io.emporium.contracts.order.OrderView;
import io.emporium.query.InvalidQueryParameterException;
import io.emporium.query.freshness.ChangeNotices;
import io.emporium.query.freshness.ChangeNotices.Change;
import io.emporium.query.freshness.ChangeNotices.Channel;
import io.emporium.query.freshness.ReadYourWrites;
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
 * live. A client that passes the position a command returned reads its own write ({@link ReadYourWrites}).
 */
@RestController
class OrderQueryApi {

    private static final String POSITION_HEADER = ReadYourWrites.POSITION_HEADER;
    private static final Set<String> FINAL_STATUSES = Set.of("REJECTED", "CANCELLED", "DELIVERED");
    /** Status changes held for a client that reads slower than they happen; beyond it the oldest are dropped. */
    private static final int SLOW_CLIENT_BUFFER = 32;

    private final OrderViews orders;
    private final ChangeNotices changes;
    private final ReadYourWrites freshness;
    private final Duration heartbeat;

    OrderQueryApi(OrderViews orders, ChangeNotices changes, ReadYourWrites freshness,
                  @Value("${emporium.query.live-heartbeat:15s}") Duration heartbeat) {
        this.orders = orders;
        this.changes = changes;
        this.freshness = freshness;
        this.heartbeat = heartbeat;
    }

    /** What a live stream tells of each step. */
    record StatusEvent(String orderId, String status, long position) {}

    @GetMapping("/orders/{orderId}")
    Mono<OrderView> order(@PathVariable String orderId,
                          @RequestParam(name = "position", required = false) @Nullable Long position,
                          @RequestHeader(name = POSITION_HEADER, required = false) @Nullable String positionHeader) {
        return atLeast(orderId, ReadYourWrites.position(position, positionHeader))
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
        return atLeast(orderId, ReadYourWrites.position(position, positionHeader)).switchIfEmpty(Mono.error(() -> unknown(orderId)))
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
        Flux<StatusEvent> later = changes.of(Channel.ORDERS, view.orderId())
                .onBackpressureBuffer(SLOW_CLIENT_BUFFER, dropped -> {}, BufferOverflowStrategy.DROP_OLDEST)
                .concatMap(change -> switch (change) {
                    case Change.Changed changed -> Mono.justOrEmpty(changed.status()).map(status ->
                            new StatusEvent(view.orderId(), status, changed.position()));
                    case Change.Resync resync -> orders.answer(find)
                            .map(current -> new StatusEvent(current.orderId(), current.status(), current.position()));
                }, 1)
                .filter(event -> event.position() > shown.get())
                .doOnNext(event -> shown.set(event.position()));
        return Flux.just(new StatusEvent(view.orderId(), view.status(), view.position())).concatWith(later);
    }

    private Mono<OrderView> atLeast(String orderId, @Nullable Long position) {
        return freshness.read(Channel.ORDERS, orderId, position, () -> orders.answer(new FindOrder(orderId)),
                OrderView::position);
    }

    private static ResponseStatusException unknown(String orderId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + orderId + " is known (yet).");
    }
}
