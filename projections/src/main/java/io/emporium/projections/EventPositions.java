package io.emporium.projections;

import io.emporium.eventstore.PrefetchingEventSource;
import org.jspecify.annotations.Nullable;

import org.axonframework.eventhandling.TrackingToken;

/** The global position of the event being handled, which every read model records to stay idempotent. */
public final class EventPositions {

    private EventPositions() {}

    /**
     * @param globalIndex the event's own index, as {@link PrefetchingEventSource} tells it; without it, the token's
     *                    position, which for an event that filled a gap late is the highest index seen, not its own
     */
    public static long of(@Nullable Long globalIndex, TrackingToken token) {
        if (globalIndex != null) {
            return globalIndex;
        }
        return token.position().orElseThrow(() -> new IllegalStateException("token without a position: " + token));
    }
}
