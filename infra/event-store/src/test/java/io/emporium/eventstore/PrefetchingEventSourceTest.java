package io.emporium.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Processors learn of new events as they are stored, in order, and a slow processor does not buffer without end. */
class PrefetchingEventSourceTest {

    /** Axon's own event store, with a fetch delay far beyond anything this test waits for. */
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).fetchDelay(60_000).build();
    private final PrefetchingEventSource source = new PrefetchingEventSource(store);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void announcesAnEventAsSoonAsItIsStored() throws InterruptedException {
        try (var stream = source.openStream(null)) {
            var announced = new AtomicInteger();
            assertThat(stream.setOnAvailableCallback(announced::incrementAndGet)).isTrue();
            assertThat(stream.hasNextAvailable()).isFalse();

            store.publish(GenericEventMessage.asEventMessage("placed"));

            await().atMost(Duration.ofSeconds(5)).until(() -> announced.get() > 0);
            assertThat(stream.hasNextAvailable()).isTrue();
            assertThat(stream.peek().map(event -> (Object) event.getPayload())).contains("placed");
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("placed");
            assertThat(stream.hasNextAvailable()).isFalse();
        }
    }

    @Test
    void aLingeringSourceAnnouncesEventsStoredTogetherOnceForAllOfThem() throws InterruptedException {
        var lingering = new PrefetchingEventSource(store, Duration.ofSeconds(1));
        try (var stream = lingering.openStream(null)) {
            var announced = new AtomicInteger();
            stream.setOnAvailableCallback(announced::incrementAndGet);

            store.publish(GenericEventMessage.asEventMessage("placed"), GenericEventMessage.asEventMessage("reserved"),
                    GenericEventMessage.asEventMessage("confirmed"));

            await().atMost(Duration.ofSeconds(10)).until(() -> announced.get() > 0);
            var payloads = new ArrayList<Object>();
            while (stream.hasNextAvailable()) {
                payloads.add(stream.nextAvailable().getPayload());
            }
            assertThat(payloads).containsExactly("placed", "reserved", "confirmed");
            assertThat(announced).hasValue(1);
        }
    }

    @Test
    void anEagerSourceAnnouncesEveryEventItBuffers() {
        try (var stream = source.openStream(null)) {
            var announced = new AtomicInteger();
            stream.setOnAvailableCallback(announced::incrementAndGet);

            store.publish(GenericEventMessage.asEventMessage("placed"), GenericEventMessage.asEventMessage("reserved"),
                    GenericEventMessage.asEventMessage("confirmed"));

            await().atMost(Duration.ofSeconds(5)).until(() -> announced.get() == 3);
        }
    }

    @Test
    void deliversEventsInTheOrderTheyWereStored() throws InterruptedException {
        for (var i = 0; i < 50; i++) {
            store.publish(GenericEventMessage.asEventMessage("event-" + i));
        }
        try (var stream = source.openStream(null)) {
            var payloads = new ArrayList<Object>();
            while (payloads.size() < 50 && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                payloads.add(stream.nextAvailable().getPayload());
            }
            assertThat(payloads).hasSize(50).first().isEqualTo("event-0");
            assertThat(payloads).last().isEqualTo("event-49");
            assertThat(payloads).doesNotHaveDuplicates();
        }
    }

    @Test
    void readsNoFurtherAheadThanItsBufferWhileTheProcessorIsBusy() {
        for (var i = 0; i < PrefetchingEventSource.BUFFERED_EVENTS + 200; i++) {
            store.publish(GenericEventMessage.asEventMessage(i));
        }
        try (var stream = new PrefetchingEventSource.PrefetchingStream(store.openStream(null), 10)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.buffered() == 10);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> stream.buffered() == 10);
        }
    }

    @Test
    void tellsEachEventsOwnIndexAlsoForAGapFilledLate() {
        var opened = GapAwareTrackingToken.newInstance(10, List.of());
        var beyondTheGaps = GapAwareTrackingToken.newInstance(13, List.of(11L, 12L));
        var firstGapFilled = GapAwareTrackingToken.newInstance(13, List.of(12L));
        var secondGapFilled = GapAwareTrackingToken.newInstance(13, List.of());

        assertThat(PrefetchingEventSource.PrefetchingStream.globalIndex(opened, beyondTheGaps)).isEqualTo(13L);
        assertThat(PrefetchingEventSource.PrefetchingStream.globalIndex(beyondTheGaps, firstGapFilled)).isEqualTo(11L);
        assertThat(PrefetchingEventSource.PrefetchingStream.globalIndex(firstGapFilled, secondGapFilled))
                .isEqualTo(12L);
        assertThat(PrefetchingEventSource.PrefetchingStream.globalIndex(null, beyondTheGaps)).isEqualTo(13L);
    }

    @Test
    void anAggregatesEventKeepsWhatItIsBesideItsIndex() throws InterruptedException {
        var placed = new GenericDomainEventMessage<>("Order", "order-1", 0, "placed",
                MetaData.with("correlationId", "checkout-1"));
        store.publish(placed);
        try (var stream = source.openStream(null)) {
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            var read = stream.nextAvailable();

            assertThat(read).isInstanceOf(DomainEventMessage.class);
            var event = (DomainEventMessage<?>) read;
            assertThat(event.getAggregateIdentifier()).isEqualTo("order-1");
            assertThat(event.getType()).isEqualTo("Order");
            assertThat(event.getIdentifier()).isEqualTo(placed.getIdentifier());
            assertThat(event.getTimestamp()).isEqualTo(placed.getTimestamp());
            assertThat(read.trackingToken()).isNotNull();
            assertThat(read.getMetaData()).containsEntry("correlationId", "checkout-1")
                    .containsKey(PrefetchingEventSource.GLOBAL_INDEX);
            assertThat(read.andMetaData(MetaData.with("more", "yes")).getMetaData())
                    .containsEntry("correlationId", "checkout-1").containsEntry("more", "yes")
                    .containsKey(PrefetchingEventSource.GLOBAL_INDEX);
        }
    }

    @Test
    void everyEventCarriesItsIndexInItsMetaData() throws InterruptedException {
        store.publish(GenericEventMessage.asEventMessage("first"), GenericEventMessage.asEventMessage("second"));
        try (var stream = source.openStream(null)) {
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            var first = stream.nextAvailable();
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            var second = stream.nextAvailable();
            assertThat(first.getMetaData()).containsKey(PrefetchingEventSource.GLOBAL_INDEX);
            assertThat((Long) second.getMetaData().get(PrefetchingEventSource.GLOBAL_INDEX))
                    .isEqualTo((Long) first.getMetaData().get(PrefetchingEventSource.GLOBAL_INDEX) + 1);
        }
    }
}
