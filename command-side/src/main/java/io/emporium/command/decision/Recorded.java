package io.emporium.command.decision;

import org.axonframework.modelling.command.AggregateLifecycle;
import org.jspecify.annotations.Nullable;

/** The one way an aggregate's command handler records a decision. */
public final class Recorded {

    private Recorded() {}

    /**
     * Applies the accepted events to the aggregate being handled; a rejection records nothing.
     *
     * @return the rejection, as the command's answer, or null when the command was accepted
     */
    public static @Nullable Rejection decision(Decision<?> decision) {
        return switch (decision) {
            case Decision.Accepted<?> accepted -> {
                accepted.events().forEach(AggregateLifecycle::apply);
                yield null;
            }
            case Decision.Rejected<?> rejected -> rejected.rejection();
        };
    }
}
