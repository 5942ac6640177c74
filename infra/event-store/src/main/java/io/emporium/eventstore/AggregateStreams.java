package io.emporium.eventstore;

import java.util.Collection;
import java.util.Map;

/**
 * Reads the event streams of several aggregates at once, for commands that a unit of work is about to run on them,
 * and tells where the events the unit of work appended landed.
 */
public interface AggregateStreams {

    /**
     * Reads, in one query inside the current unit of work's transaction, the streams of those aggregates that are not
     * in an aggregate cache; the commands of this unit of work that load them are then served from what was read.
     * Does nothing outside a unit of work.
     */
    void prefetch(Collection<String> aggregateIds);

    /**
     * Where the last event the current unit of work appended for each aggregate landed, as the append returned it;
     * an aggregate it appended nothing for is absent. Empty outside a unit of work or before its events are appended
     * (they are when it prepares to commit).
     */
    Map<String, Appended> appendedInThisUnitOfWork();

    /** An appended event's place: its aggregate's sequence number and its global index in the store. */
    record Appended(long sequenceNumber, long globalIndex) {}
}
