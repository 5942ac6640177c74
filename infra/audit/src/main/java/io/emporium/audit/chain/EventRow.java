package io.emporium.audit.chain;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of the event table exactly as stored, byte for byte: what a link of the chain vouches for.
 *
 * @param position  the row's global_index
 * @param timestamp the stored text of the timestamp column, not a parsed instant, so that no reformatting hides a
 *                  change
 */
public record EventRow(long position, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                       @Nullable String type, String timestamp, String payloadType, @Nullable String payloadRevision,
                       byte[] payload, byte @Nullable [] metaData) {

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EventRow row && position == row.position && sequenceNumber == row.sequenceNumber
                && eventIdentifier.equals(row.eventIdentifier) && aggregateIdentifier.equals(row.aggregateIdentifier)
                && Objects.equals(type, row.type) && timestamp.equals(row.timestamp)
                && payloadType.equals(row.payloadType) && Objects.equals(payloadRevision, row.payloadRevision)
                && Arrays.equals(payload, row.payload) && Arrays.equals(metaData, row.metaData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, eventIdentifier);
    }

    @Override
    public String toString() {
        return "EventRow[" + position + ", " + aggregateIdentifier + "#" + sequenceNumber + ", " + payloadType + "]";
    }
}
