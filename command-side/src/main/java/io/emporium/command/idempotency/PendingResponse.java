package io.emporium.command.idempotency;

import java.util.function.Function;

/** What a request's work leaves to do before its transaction commits: the response to give and store. */
public sealed interface PendingResponse {

    /** The response shows where the aggregate's last event landed (version, global position): render it after. */
    static PendingResponse afterAppend(String aggregateId, Function<WrittenPosition, StoredResponse> render) {
        return new AfterAppend(aggregateId, render);
    }

    /** The response is known already, such as a business rejection that appended nothing. */
    static PendingResponse ready(StoredResponse response) {
        return new Ready(response);
    }

    record AfterAppend(String aggregateId, Function<WrittenPosition, StoredResponse> render)
            implements PendingResponse {}

    record Ready(StoredResponse response) implements PendingResponse {}
}
