package io.emporium.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
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
 */
public final class PrefetchingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** Events read ahead of a processor; beyond this the reading thread waits for the processor. */
    static final int BUFFERED_EVENTS = 1024;
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final StreamableMessageSource<TrackedEventMessage<?>> events;

    public PrefetchingEventSource(StreamableMessageSource<TrackedEventMessage<?>> events) {
        this.events = events;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(@Nullable TrackingToken trackingToken) {
        return new PrefetchingStream(events.openStream(trackingToken), BUFFERED_EVENTS);
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
        private volatile @Nullable Runnable onAvailable;
        private volatile @Nullable TrackedEventMessage<?> head;
        private volatile @Nullable Throwable failure;
        private volatile boolean closed;

        PrefetchingStream(BlockingStream<TrackedEventMessage<?>> source, int capacity) {
            this.source = source;
            this.buffer = new ArrayBlockingQueue<>(capacity);
            this.reader = Thread.ofPlatform().daemon().name("event-prefetch-" + STREAMS.incrementAndGet())
                    .start(this::readAhead);
        }

        private void readAhead() {
            try {
                while (!closed) {
                    if (source.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        buffer.put(source.nextAvailable());
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
