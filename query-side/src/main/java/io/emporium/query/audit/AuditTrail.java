package io.emporium.query.audit;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Every event of an order and of the stock reservations made for it, oldest first, as an auditor reads them.
 *
 * @param events in global order
 */
public record AuditTrail(String orderId, List<Entry> events) {

    public AuditTrail {
        events = List.copyOf(events);
    }

    /**
     * One stored event.
     *
     * @param position      its global position (global_index)
     * @param aggregateId   the order's id, or {@code stock:<sku>} for a reservation
     * @param sequence      its place in the aggregate's own stream
     * @param type          the event's name, e.g. OrderConfirmed or StockReserved
     * @param actor         who sent the command: {@code client} (HTTP API), {@code process} (the engine, reacting to
     *                      the event named by the command's causation) or {@code timer}; null for events stored
     *                      before actors were recorded
     * @param command       the command that caused it, e.g. ReserveStock; null where it was not recorded
     * @param correlationId what every message of one request shares (the request's X-Correlation-Id)
     * @param causationId   the id of the message that caused this event: the command's message id
     */
    public record Entry(long position, String eventId, String aggregateId, long sequence, Instant at, String type,
                        JsonNode payload, @Nullable String actor, @Nullable String command,
                        @Nullable String correlationId, @Nullable String causationId) {}
}
