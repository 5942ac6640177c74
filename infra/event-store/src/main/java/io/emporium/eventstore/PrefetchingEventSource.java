package io.emporium.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.jspecify.annotations.Nullable;

/**
 * The event store as event processors read it, telling them the moment new events arrive.
 *
 * <p>Axon's embedded event store hands out streams that cannot announce new events. A pooled streaming processor
 * then looks for work every 500 ms, so every read model trailed its events by up to half a second (the benchmark
 * saw the lag spread evenly over 0–500 ms). Each stream opened here is read ahead by a thread of its own into a
 * bounded buffer, which announces every event it buffers; the processor's coordinator reacts at once. The bound keeps
 * a slow processor from buffering the whole history.
 *
 * <p>A source may instead be given a linger: an event that arrives after a quiet moment is announced once the
 * events that follow it within the linger are buffered too, so the processor takes them as one batch (one request,
 * one transaction) instead of one batch each. Meant for read models that cannot be seen sooner anyway (a search
 * index shows writes at its next refresh) or that promise no freshness (the Kafka export); a processor that is
 * catching up is never held back, as its buffer is not empty.
 */
public final class PrefetchingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /**
     * Metadata key, added in memory to every event read here: the event's own global index. A gap-aware tracking
     * token carries the highest index seen so far, so an event that committed after events with higher indexes (a
     * gap filled late) would otherwise look as recent as the latest of them, and two such events of one aggregate
     * would look equally recent. The index is taken from how the token moved: a new highest index, or the gap that
     * disappeared.
     */
    public static final String GLOBAL_INDEX = "emporium.globalIndex";

    /** Events read ahead of a processor; beyond this the reading thread waits for the processor. */
    static final int BUFFERED_EVENTS = 1024;
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final Duration linger;

    /** Announces every event as soon as it is buffered. */
    public PrefetchingEventSource(StreamableMessageSource<TrackedEventMessage<?>> events) {
        this(events, Duration.ZERO);
    }

    /** Announces the first event after a quiet moment together with those that follow within {@code linger}. */
    public PrefetchingEventSource(StreamableMessageSource<TrackedEventMessage<?>> events, Duration linger) {
        if (linger.isNegative()) {
            throw new IllegalArgumentException("a linger cannot be negative, was " + linger);
        }
        this.events = events;
        this.linger = linger;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(@Nullable TrackingToken trackingToken) {
        return new PrefetchingStream(events.openStream(trackingToken), BUFFERED_EVENTS, trackingToken, linger);
    }

    @Override
    public @Nullable TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return events.createTokenSince(duration);
    }

    /**
     * One processor's stream. Only the reading thread touches the source stream; only the processor's coordinator
     * (one task at a time) takes from the buffer.
     */
    static final class PrefetchingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> source;
        private final BlockingQueue<TrackedEventMessage<?>> buffer;
        private final Thread reader;
        private final long lingerNanos;
        private volatile @Nullable Runnable onAvailable;
        private volatile @Nullable TrackedEventMessage<?> head;
        private volatile @Nullable Throwable failure;
        private volatile boolean closed;
        private @Nullable TrackingToken previous;

        PrefetchingStream(BlockingStream<TrackedEventMessage<?>> source, int capacity) {
            this(source, capacity, null, Duration.ZERO);
        }

        PrefetchingStream(BlockingStream<TrackedEventMessage<?>> source, int capacity,
                          @Nullable TrackingToken openedAt, Duration linger) {
            this.source = source;
            this.lingerNanos = linger.toNanos();
            this.previous = openedAt;
            this.buffer = new ArrayBlockingQueue<>(capacity);
            this.reader = Thread.ofPlatform().daemon().name("event-prefetch-" + STREAMS.incrementAndGet())
                    .start(this::readAhead);
        }

        private void readAhead() {
            try {
                while (!closed) {
                    if (source.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        var quiet = buffer.isEmpty() && head == null;
                        buffer.put(withGlobalIndex(source.nextAvailable()));
                        if (quiet && lingerNanos > 0) {
                            gatherFollowers(System.nanoTime() + lingerNanos);
                        }
                        announce();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closed
            } catch (RuntimeException | Error e) {
                failure = e;
                announce(); // so the coordinator comes, meets the failure and reopens the stream
            } finally {
                source.close();
            }
        }

        /** Buffers the events that arrive until {@code deadline}, or until the buffer is full. */
        private void gatherFollowers(long deadline) throws InterruptedException {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0 && buffer.remainingCapacity() > 0
                    && source.hasNextAvailable((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)),
                    TimeUnit.MILLISECONDS)) {
                buffer.put(withGlobalIndex(source.nextAvailable()));
            }
        }

        private TrackedEventMessage<?> withGlobalIndex(TrackedEventMessage<?> event) {
            var index = globalIndex(previous, event.trackingToken());
            previous = event.trackingToken();
            if (index == null) {
                return event;
            }
            if (event instanceof DomainEventMessage<?> domain) {
                return indexed(domain, event.trackingToken(), index);
            }
            // Plain tracked events come back untracked when metadata is added.
            var marked = event.andMetaData(Map.of(GLOBAL_INDEX, index));
            return marked instanceof TrackedEventMessage<?> tracked ? tracked
                    : new GenericTrackedEventMessage<>(event.trackingToken(), marked);
        }

        /** The same domain event with its index in its metadata, which is read and parsed only when used. */
        private static <T> TrackedEventMessage<T> indexed(DomainEventMessage<T> event, TrackingToken token,
                                                          long index) {
            return new GenericTrackedDomainEventMessage<>(token, event.getType(), event.getAggregateIdentifier(),
                    event.getSequenceNumber(), new IndexedMessage<>(event, index), event::getTimestamp);
        }

        /** The index of the event that moved the token from {@code before} to {@code after}, if it can be told. */
        static @Nullable Long globalIndex(@Nullable TrackingToken before, @Nullable TrackingToken after) {
            var lower = WrappedToken.unwrapLowerBound(after);
            if (lower instanceof GlobalSequenceTrackingToken global) {
                return global.getGlobalIndex();
            }
            if (!(lower instanceof GapAwareTrackingToken current)) {
                return null;
            }
            if (!(WrappedToken.unwrapLowerBound(before) instanceof GapAwareTrackingToken earlier)
                    || current.getIndex() > earlier.getIndex()) {
                return current.getIndex();
            }
            var filled = new TreeSet<>(earlier.getGaps());
            filled.removeAll(current.getGaps());
            return filled.size() == 1 ? filled.first() : null;
        }

        int buffered() {
            return buffer.size();
        }

        private void announce() {
            var callback = onAvailable;
            if (callback != null) {
                callback.run();
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            onAvailable = callback;
            if (!buffer.isEmpty()) {
                callback.run();
            }
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (head == null) {
                head = buffer.poll();
            }
            failIfBroken();
            return Optional.ofNullable(head);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (head == null) {
                head = buffer.poll(timeout, unit);
            }
            failIfBroken();
            return head != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            var next = head;
            if (next != null) {
                head = null;
                return next;
            }
            while (true) {
                failIfBroken();
                var taken = buffer.poll(100, TimeUnit.MILLISECONDS);
                if (taken != null) {
                    return taken;
                }
            }
        }

        private void failIfBroken() {
            var broken = failure;
            if (broken != null && head == null && buffer.isEmpty()) {
                throw new IllegalStateException("Reading events ahead failed; the processor will reopen its stream",
                        broken);
            }
        }

        @Override
        public void close() {
            closed = true;
            reader.interrupt(); // the reader closes the source: it is the only thread that touches it
        }
    }
}
