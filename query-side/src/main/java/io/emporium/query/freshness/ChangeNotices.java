package io.emporium.query.freshness;

import io.emporium.contracts.catalog.ProductViewChanged;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.List;
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
 * The changes to read model rows, as PostgreSQL announces them on commit (triggers in migrations V7 and V10, and the
 * product-search projection for its index, send {@code {"id", "status", "position"}} on one channel per read model):
 * one listening connection per query instance, whatever the number of waiting readers, so read-your-writes, live
 * status and cache eviction never poll. Each reader is told only of its own row's changes; a cache may hear every
 * change of its read model.
 *
 * <p>Notices sent while the listening connection was down are lost; on every (re)connection each listener is told
 * {@link Change.Resync} and reads its row again, as it is when a read model switches to a rebuilt version (a notice
 * without an id).
 */
@Component
public class ChangeNotices implements InitializingBean, DisposableBean {

    /** The read models that announce their changes. */
    public enum Channel {
        ORDERS("order_view_changes"),
        CARTS("cart_view_changes"),
        PRODUCTS(ProductViewChanged.CHANNEL);

        private final String name;

        Channel(String name) {
            this.name = name;
        }
    }

    /** What a reader of one row is told. */
    public sealed interface Change {
        /** The row changed: it now shows this position (and status, where the read model has one). */
        record Changed(String id, @Nullable String status, long position) implements Change {}

        /** Notices may have been missed: read the row again. */
        record Resync() implements Change {}
    }

    /** A notice without an id: the read model switched to a rebuilt version, so every row may have changed. */
    private record Notice(@Nullable String id, @Nullable String status, long position) {}

    private record Key(Channel channel, String id) {}

    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotices.class);

    private final ConnectionFactory connections;
    private final JsonMapper json;
    private final ConcurrentHashMap<Key, Set<FluxSink<Change>>> listeners = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Channel, Set<FluxSink<Change>>> channelListeners = new ConcurrentHashMap<>();
    private volatile @Nullable Disposable listening;

    ChangeNotices(ConnectionFactory connections, JsonMapper json) {
        this.connections = connections;
        this.json = json;
    }

    /**
     * The changes of one row from the moment of subscription on, starting with a {@link Change.Resync}: the
     * listener is in place before the subscriber first reads the row, so no change falls between read and listen.
     * The caller bounds what it buffers.
     */
    public Flux<Change> of(Channel channel, String id) {
        return registered(listeners, new Key(channel, id));
    }

    /**
     * Every change of one read model from the moment of subscription on, starting with a {@link Change.Resync}, as a
     * cache of its rows needs them. The caller bounds what it buffers.
     */
    public Flux<Change> ofEvery(Channel channel) {
        return registered(channelListeners, channel);
    }

    /** A sink registered under the key for as long as it is subscribed, told first to read what it follows. */
    private static <K> Flux<Change> registered(ConcurrentHashMap<K, Set<FluxSink<Change>>> registry, K key) {
        return Flux.create(sink -> {
            registry.compute(key, (ignored, sinks) -> {
                var registered = sinks == null ? ConcurrentHashMap.<FluxSink<Change>>newKeySet() : sinks;
                registered.add(sink);
                return registered;
            });
            sink.next(new Change.Resync());
            sink.onDispose(() -> registry.computeIfPresent(key, (ignored, set) -> {
                set.remove(sink);
                return set.isEmpty() ? null : set;
            }));
        });
    }

    @Override
    public void afterPropertiesSet() {
        listening = Mono.usingWhen(Mono.from(unpooled(connections).create()), this::listen, Connection::close)
                .doOnError(e -> LOG.warn("Listening for read model changes failed; reconnecting: {}", e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5)))
                .repeat()
                .subscribe();
    }

    private Mono<Void> listen(Connection connection) {
        if (!(connection instanceof PostgresqlConnection postgres)) {
            return Mono.error(new IllegalStateException("change notices need PostgreSQL, not " + connection));
        }
        return Flux.fromIterable(List.of(Channel.values()))
                .concatMap(channel -> postgres.createStatement("LISTEN " + channel.name).execute()
                        .flatMap(result -> result.getRowsUpdated()))
                .then(Mono.fromRunnable(this::resyncAll))
                .thenMany(postgres.getNotifications())
                .doOnNext(notification -> {
                    var payload = notification.getParameter();
                    var channel = channelNamed(notification.getName());
                    if (payload != null && channel != null) {
                        var notice = json.readValue(payload, Notice.class);
                        if (notice.id() == null) {
                            resync(channel);
                        } else {
                            announce(channel, notice.id(), notice);
                        }
                    }
                })
                .then();
    }

    private static @Nullable Channel channelNamed(String name) {
        for (var channel : Channel.values()) {
            if (channel.name.equals(name)) {
                return channel;
            }
        }
        return null;
    }

    private void announce(Channel channel, String id, Notice notice) {
        var change = new Change.Changed(id, notice.status(), notice.position());
        var sinks = listeners.get(new Key(channel, id));
        if (sinks != null) {
            sinks.forEach(sink -> sink.next(change));
        }
        channelListeners.getOrDefault(channel, Set.of()).forEach(sink -> sink.next(change));
    }

    private void resync(Channel channel) {
        var resync = new Change.Resync();
        listeners.forEach((key, sinks) -> {
            if (key.channel() == channel) {
                sinks.forEach(sink -> sink.next(resync));
            }
        });
        channelListeners.getOrDefault(channel, Set.of()).forEach(sink -> sink.next(resync));
    }

    private void resyncAll() {
        var resync = new Change.Resync();
        listeners.values().forEach(sinks -> sinks.forEach(sink -> sink.next(resync)));
        channelListeners.values().forEach(sinks -> sinks.forEach(sink -> sink.next(resync)));
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
