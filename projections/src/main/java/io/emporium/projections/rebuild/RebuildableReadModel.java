package io.emporium.projections.rebuild;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * A read model that {@link Rebuilds} can build again beside the serving one. Each version has storage of its own; the
 * read model says how to fill a version from historic events in bulk, how to check it, which handler keeps it live,
 * and how to switch readers to it in one step.
 *
 * <p>{@link #name()} is also the name of the processor that keeps the serving version: after a switch that processor
 * writes the new version, continuing from the tokens of the new version's own processor.
 */
public interface RebuildableReadModel {

    /** The read model's and its processor's name, such as {@code order-views}. */
    String name();

    /** The event types the read model is built from; the others are not read. */
    Set<Class<?>> eventTypes();

    /** Types whose payload the build decodes; for the others position, aggregate and time suffice. */
    default Set<Class<?>> payloadTypes() {
        return eventTypes();
    }

    /**
     * Whether parts of the history may be written in parallel, each in position order but in no order between them.
     * Read models that fold events in memory in their order answer false.
     */
    boolean buildsInAnyOrder();

    /** Creates the empty storage of {@code version}, beside the serving one. */
    void create(int version);

    /** A writer of historic events into {@code version}; one per part of the history, used by one thread. */
    HistoryWriter writer(int version);

    /**
     * One build of {@code version}, taken before any part starts. By default every part gets a {@link #writer(int)}
     * of its own; a read model whose parts share what they write into (one COPY per table) overrides this.
     */
    default Build build(int version) {
        return () -> writer(version);
    }

    /** Makes a filled version ready to serve: indexes, constraints, statistics, settings for live writes. */
    void complete(int version);

    /**
     * Checks of a completed version built up to {@code position} against what the events say.
     *
     * @param countsByType number of events of each {@link #eventTypes() type} up to the position, by class name
     */
    List<Check> checkAgainstEvents(int version, long position, Map<String, Long> countsByType);

    /**
     * Compares the rows (documents) both versions hold at the same position not above {@code position}; called once
     * both have processed every event up to it.
     */
    Check compare(int serving, int version, long position);

    /** The annotated event handler that keeps {@code version} from its build position on. */
    Object liveHandler(int version);

    /** How the live processor of a new version sequences events: as the read model's own processor does. */
    default SequencingPolicy<? super EventMessage<?>> sequencingPolicy() {
        return SequentialPerAggregatePolicy.instance();
    }

    /**
     * Points readers at {@code version} instead of {@code serving}, at once. Runs inside the transaction that records
     * the switch, so a read model in PostgreSQL switches atomically with that record.
     */
    void switchReaders(int serving, int version);

    /** Makes the live projection write {@code version}; its processor is stopped meanwhile. */
    void retarget(int version);

    /** Drops the storage of {@code version}; nothing if it is gone already. */
    void drop(int version);

    /**
     * Whether a retired version may be dropped at once. PostgreSQL's locks let queries that still read it finish
     * first; an Elasticsearch search already routed to an index has no such protection.
     */
    default boolean dropsSafelyAtOnce() {
        return true;
    }

    /** A writer of one part of the history, in position order. */
    interface HistoryWriter extends AutoCloseable {
        void write(HistoricEvent event);

        /** Everything written reaches the version; called once, after the last event of the part. */
        @Override
        void close();
    }

    /** The writers of one build, and what their parts share. */
    interface Build extends AutoCloseable {

        /** A writer of one part of the history, used by one thread. */
        HistoryWriter writer();

        /** Commits what the parts share; called once, after every part's writer has closed without failing. */
        default void finish() {
        }

        /** Gives up what was not finished; called once, last. */
        @Override
        default void close() {
        }
    }

    /** One check before a switch: what was expected, what was found. */
    record Check(String name, String expected, String actual, boolean passed) {

        public static Check equal(String name, long expected, long actual) {
            return new Check(name, Long.toString(expected), Long.toString(actual), expected == actual);
        }
    }
}
