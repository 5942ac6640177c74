package io.emporium.query.order;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The changes to table order_view, as PostgreSQL announces them on commit (channel {@value #CHANNEL}, see migration
 * V7): one listening connection per query instance, whatever the number of waiting readers, so read-your-writes and
 * live status never poll the table. Each reader is told only of its own order's changes.
 *
 * <p>Notices sent while the listening connection was down are lost; on every (re)connection each listener is told
 * {@link Change.Resync} and reads the row again.
 */
@Component
class OrderChanges implements InitializingBean, DisposableBean {

    static final String CHANNEL = "order_view_changes";
    private static final Logger LOG = LoggerFactory.getLogger(OrderChanges.class);

    /** What a reader of one order is told. */
    sealed interface Change {
        /** The order's row changed: it now shows this status at this position. */
        record Changed(String orderId, String status, long position) implements Change {}

        /** Notices may have been missed: read the row again. */
        record Resync() implements Change {}
    }

    private record Notice(String orderId, String status, long position) {}

    private final ConnectionFactory connections;
    private final JsonMapper json;
    private final ConcurrentHashMap<String, Set<FluxSink<Change>>> listeners = new ConcurrentHashMap<>();
    private volatile @Nullable Disposable listening;

    OrderChanges(ConnectionFactory connections, JsonMapper json) {
        this.connections = connections;
        this.json = json;
    }

    /**
     * The changes of one order from the moment of subscription on, starting with a {@link Change.Resync}: the
     * listener is in place before the subscriber first reads the row, so no change falls between read and listen.
     * The caller bounds what it buffers.
     */
    Flux<Change> of(String orderId) {
        return Flux.create(sink -> {
            listeners.compute(orderId, (id, sinks) -> {
                var registered = sinks == null ? ConcurrentHashMap.<FluxSink<Change>>newKeySet() : sinks;
                registered.add(sink);
                return registered;
            });
            sink.next(new Change.Resync());
            sink.onDispose(() -> listeners.computeIfPresent(orderId, (id, set) -> {
                set.remove(sink);
                return set.isEmpty() ? null : set;
            }));
        });
    }

    /** Readers waiting right now, for the metrics and tests. */
    int listeners() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void afterPropertiesSet() {
        listening = Mono.usingWhen(Mono.from(unpooled(connections).create()),
                        this::listen, Connection::close)
                .doOnError(e -> LOG.warn("Listening for order view changes failed; reconnecting: {}", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5)))
                .repeat()
                .subscribe();
    }

    private Mono<Void> listen(Connection connection) {
        if (!(connection instanceof PostgresqlConnection postgres)) {
            return Mono.error(new IllegalStateException("order view changes need PostgreSQL, not " + connection));
        }
        return postgres.createStatement("LISTEN " + CHANNEL).execute().flatMap(result -> result.getRowsUpdated())
                .then(Mono.fromRunnable(this::resyncAll))
                .thenMany(postgres.getNotifications())
                .doOnNext(notification -> {
                    var payload = notification.getParameter();
                    if (payload != null) {
                        announce(json.readValue(payload, Notice.class));
                    }
                })
                .then();
    }

    private void announce(Notice notice) {
        var sinks = listeners.get(notice.orderId());
        if (sinks != null) {
            var change = new Change.Changed(notice.orderId(), notice.status(), notice.position());
            sinks.forEach(sink -> sink.next(change));
        }
    }

    private void resyncAll() {
        var resync = new Change.Resync();
        listeners.values().forEach(sinks -> sinks.forEach(sink -> sink.next(resync)));
    }

    /** The listening connection is held for the instance's lifetime: it must not be one of the pool's. */
    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        var current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            current = inner;
        }
        return current;
    }

    @Override
    public void destroy() {
        var subscription = listening;
        if (subscription != null) {
            subscription.dispose();
        }
    }
}
