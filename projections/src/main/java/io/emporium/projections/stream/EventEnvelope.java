package io.emporium.projections.stream;

import io.emporium.contracts.schema.EventSchemas;
import org.jspecify.annotations.Nullable;

/**
 * One event on a Kafka topic, in CloudEvents 1.0 JSON form; extension attributes are lower-case as the spec
 * demands. Its published schema is contracts' {@code envelope.json} ({@link EventSchemas#ENVELOPE_RESOURCE}).
 *
 * @param dataschema    where the schema of {@code data} lives in the contracts jar ({@link EventSchemas#uriOf})
 * @param position      global position in the event store: consumers can order, deduplicate and resume by it
 * @param sequence      the aggregate's sequence number of this event
 * @param correlationid the id of the request that started the chain of messages
 * @param causationid   the id of the message that caused this event
 */
record EventEnvelope(String specversion, String id, String source, String type, String time, String subject,
                     String datacontenttype, String dataschema, long position, long sequence,
                     @Nullable String correlationid, @Nullable String causationid, Object data) {}
