package io.emporium.projections.deadletter;

import io.emporium.eventstore.PrefetchingEventSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterJdbcConverter;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dead letters of the read-model processors, as an operator sees them: per processor its parked sequences, the
 * oldest first, each with the letter that failed and those waiting behind it; retry a sequence (or the one touched
 * longest ago) through the processor's own handlers, or evict it, which gives up on its events for good.
 *
 * <p>Listing and eviction read table dead_letter_entry (migration V11) directly: Axon's queue pages a sequence's
 * letters by index rather than by offset, and evicts one letter per transaction.
 */
@Component
public class DeadLetters {

    /** Letters shown per sequence; {@link Sequence#size()} tells how many there are. */
    static final int LETTERS_SHOWN = 100;

    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final LetterRows letters;

    DeadLetters(JdbcTemplate jdbc, ObjectProvider<EventProcessingConfiguration> processing, DeadLetterSchema schema,
                ObjectProvider<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.processing = processing;
        var serializer = DeadLetterProcessing.deadLetterSerializer();
        this.letters = new LetterRows(schema, serializer);
        var registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        processors().forEach(processor -> Gauge.builder("emporium.dead.letters", () -> size(processor))
                .description("Events parked in the processor's dead-letter queue, failed or waiting behind one")
                .baseUnit("letters").tag("processor", processor).register(registry));
    }

    /** One parked event. */
    public record Letter(String id, long index, String eventType, String eventId, @Nullable Long globalPosition,
                         @Nullable String aggregateId, @Nullable String causeType, @Nullable String causeMessage,
                         Instant enqueuedAt, Instant lastTouched, long retries) {}

    /** The parked events of one aggregate (or SKU), in order: the first failed, the others wait behind it. */
    public record Sequence(String sequence, long size, List<Letter> letters) {}

    /** A processor's queue: how much is parked, and its sequences enqueued longest ago. */
    public record Queue(String processor, long sequences, long letters, List<Sequence> oldest) {}

    /** How a retry went: every letter of the sequence applied, or the first one still failing. */
    public record Retry(String processor, String sequence, Outcome outcome, @Nullable Sequence remaining) {
        public enum Outcome { RESOLVED, STILL_FAILING }
    }

    /** No processor of that name dead-letters on this instance. */
    public static final class UnknownProcessor extends RuntimeException {
        UnknownProcessor(String processor) {
            super("No processor " + processor + " dead-letters here; these do: " + String.join(", ", processors()));
        }
    }

    /** The processor has no parked sequence of that identifier (never, or no longer). */
    public static final class UnknownSequence extends RuntimeException {
        UnknownSequence(String processor, String sequence) {
            super("Processor " + processor + " has no dead letters for sequence " + sequence + ".");
        }

        UnknownSequence(String processor) {
            super("Processor " + processor + " has no dead letters.");
        }
    }

    /** Another instance (or request) is retrying that sequence right now. */
    public static final class SequenceBusy extends RuntimeException {
        SequenceBusy(String processor, String sequence) {
            super("Sequence " + sequence + " of processor " + processor + " is being retried elsewhere; try again "
                    + "in a moment.");
        }

        SequenceBusy(String processor) {
            super("Every parked sequence of processor " + processor + " is being retried elsewhere; try again in a "
                    + "moment.");
        }
    }

    /** The processors that dead-letter. */
    public static List<String> processors() {
        return DeadLetterProcessing.PROCESSORS;
    }

    public List<Queue> all(int sequencesShown) {
        return processors().stream().map(processor -> queue(processor, sequencesShown)).toList();
    }

    public Queue queue(String processor, int sequencesShown) {
        requireKnown(processor);
        var counts = jdbc.queryForMap("""
                select count(distinct sequence_identifier) as sequences, count(*) as letters
                  from dead_letter_entry where processing_group = ?
                """, processor);
        return new Queue(processor, ((Number) counts.get("sequences")).longValue(),
                ((Number) counts.get("letters")).longValue(), oldest(processor, null, sequencesShown));
    }

    public Sequence sequence(String processor, String sequence) {
        requireKnown(processor);
        return find(processor, sequence).orElseThrow(() -> new UnknownSequence(processor, sequence));
    }

    /**
     * Runs the sequence's letters through the processor's handlers again, in order, in one transaction: each letter
     * that succeeds is evicted; the first that fails stays, with its new cause and one more retry, and so do those
     * behind it.
     */
    public Retry retry(String processor, String sequence) {
        var before = sequence(processor, sequence);
        letterProcessor(processor).process(letter -> letter instanceof JdbcDeadLetter<?> jdbcLetter
                && jdbcLetter.getSequenceIdentifier().equals(sequence));
        var after = find(processor, sequence);
        if (after.isPresent() && after.get().equals(before)) {
            throw new SequenceBusy(processor, sequence);
        }
        return outcome(processor, sequence, after);
    }

    /** {@link #retry} for the sequence touched longest ago that nobody else is retrying. */
    public Retry retryOldest(String processor) {
        requireKnown(processor);
        var chosen = new AtomicReference<@Nullable String>();
        letterProcessor(processor).process(letter -> {
            // Called for each candidate until one is claimed: the last one asked about is the one retried.
            if (letter instanceof JdbcDeadLetter<?> jdbcLetter) {
                chosen.set(jdbcLetter.getSequenceIdentifier());
            }
            return true;
        });
        var sequence = chosen.get();
        if (sequence == null) {
            if (size(processor) == 0) {
                throw new UnknownSequence(processor);
            }
            throw new SequenceBusy(processor);
        }
        return outcome(processor, sequence, find(processor, sequence));
    }

    /** Removes every letter of the sequence: the read model will never see those events unless rebuilt. */
    public void evict(String processor, String sequence) {
        requireKnown(processor);
        var evicted = jdbc.update(
                "delete from dead_letter_entry where processing_group = ? and sequence_identifier = ?",
                processor, sequence);
        if (evicted == 0) {
            throw new UnknownSequence(processor, sequence);
        }
    }

    /** Letters parked for the processor, failed or waiting. */
    public long size(String processor) {
        return Objects.requireNonNull(jdbc.queryForObject(
                "select count(*) from dead_letter_entry where processing_group = ?", Long.class, processor));
    }

    private static Retry outcome(String processor, String sequence, Optional<Sequence> remaining) {
        return remaining.map(left -> new Retry(processor, sequence, Retry.Outcome.STILL_FAILING, left))
                .orElseGet(() -> new Retry(processor, sequence, Retry.Outcome.RESOLVED, null));
    }

    private Optional<Sequence> find(String processor, String sequence) {
        return oldest(processor, sequence, 1).stream().findFirst();
    }

    /** The sequences enqueued longest ago (or just {@code only}), each with its first letters. */
    private List<Sequence> oldest(String processor, @Nullable String only, int sequences) {
        var rows = jdbc.query("""
                with sequences as (
                    select sequence_identifier, min(enqueued_at) as first_enqueued, count(*) as size
                      from dead_letter_entry
                     where processing_group = ? and (cast(? as varchar) is null or sequence_identifier = ?)
                     group by sequence_identifier
                     order by first_enqueued, sequence_identifier
                     limit ?)
                select letter.*, s.size as sequence_size
                  from sequences s
                  cross join lateral (select * from dead_letter_entry d
                                       where d.processing_group = ? and d.sequence_identifier = s.sequence_identifier
                                       order by d.sequence_index limit ?) letter
                 order by s.first_enqueued, s.sequence_identifier, letter.sequence_index
                """, (resultSet, row) -> new Row(resultSet.getString("sequence_identifier"),
                        resultSet.getLong("sequence_size"), letter(resultSet)),
                processor, only, only, sequences, processor, LETTERS_SHOWN);
        var bySequence = new LinkedHashMap<String, Sequence>();
        for (var row : rows) {
            bySequence.computeIfAbsent(row.sequence(), id -> new Sequence(id, row.size(), new ArrayList<>()))
                    .letters().add(row.letter());
        }
        return bySequence.values().stream()
                .map(sequence -> new Sequence(sequence.sequence(), sequence.size(), List.copyOf(sequence.letters())))
                .toList();
    }

    private record Row(String sequence, long size, Letter letter) {}

    /** Axon's reading of a dead-letter row, whose builder only subclasses may use. */
    private static final class LetterRows extends DefaultDeadLetterJdbcConverter<EventMessage<?>> {
        LetterRows(DeadLetterSchema schema, Serializer serializer) {
            super(DefaultDeadLetterJdbcConverter.<EventMessage<?>>builder().schema(schema)
                    .genericSerializer(serializer).eventSerializer(serializer));
        }
    }

    private Letter letter(ResultSet row) throws SQLException {
        var letter = letters.convertToLetter(row);
        var event = letter.message();
        var payloadType = row.getString("payload_type");
        var cause = letter.cause();
        return new Letter(letter.getIdentifier(), letter.getSequenceIndex(),
                payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1),
                event.getIdentifier(), globalPosition(event),
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null,
                cause.map(Cause::type).orElse(null), cause.map(Cause::message).orElse(null),
                letter.enqueuedAt(), letter.lastTouched(), DeadLetterPolicy.retries(letter));
    }

    /** The event's own position: as the processor saw it, or else where its token stood. */
    private static @Nullable Long globalPosition(EventMessage<?> event) {
        if (event.getMetaData().get(PrefetchingEventSource.GLOBAL_INDEX) instanceof Number index) {
            return index.longValue();
        }
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            var position = tracked.trackingToken().position();
            return position.isPresent() ? position.getAsLong() : null;
        }
        return null;
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> letterProcessor(String processor) {
        requireKnown(processor);
        return processing.getObject().sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> new UnknownProcessor(processor));
    }

    private static void requireKnown(String processor) {
        if (!processors().contains(processor)) {
            throw new UnknownProcessor(processor);
        }
    }
}
