package io.emporium.command.idempotency;

import java.util.function.Function;

/**
 * What a request's work leaves to do once its events are appended: render the response, which carries the
 * aggregate's version and the events' global position.
 *
 * @param aggregateId the aggregate the request's command went to
 * @param render      builds the response from where the aggregate's last event landed
 */
public record PendingResponse(String aggregateId, Function<WrittenPosition, StoredResponse> render) {}
