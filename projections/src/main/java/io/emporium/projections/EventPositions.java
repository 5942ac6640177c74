package io.emporium.projections;

import org.axonframework.eventhandling.TrackingToken;

/** The global position of the event being handled, which every read model records to stay idempotent. */
public final class EventPositions {

    private EventPositions() {}

    public static long of(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("token without a position: " + token));
    }
}
