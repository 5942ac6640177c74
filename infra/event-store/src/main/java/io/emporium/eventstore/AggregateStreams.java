package io.emporium.eventstore;

import java.util.Collection;

/**
 * Reads the event streams of several aggregates at once, for commands that a unit of work is about to run on them.
 */
public interface AggregateStreams {

    /**
     * Reads, in one query inside the current unit of work's transaction, the streams of those aggregates that are not
     * in an aggregate cache; the commands of this unit of work that load them are then served from what was read.
     * Does nothing outside a unit of work.
     */
    void prefetch(Collection<String> aggregateIds);
}
