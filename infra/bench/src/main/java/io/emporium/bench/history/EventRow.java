package io.emporium.bench.history;

import org.jspecify.annotations.Nullable;

/** One row of domain_event_entry, less its global index, which the writer assigns. */
public record EventRow(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                       String timestamp, String payloadType, @Nullable String payloadRevision, byte[] payload,
                       byte @Nullable [] metaData) {}
