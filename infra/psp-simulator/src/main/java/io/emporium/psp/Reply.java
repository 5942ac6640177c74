package io.emporium.psp;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the simulator answers to one request; an idempotent operation's reply is kept and replayed to retries.
 *
 * @param status   HTTP status; {@link #DROPPED} stands for a connection closed without any answer
 * @param replayed whether this is a stored reply given again to a retry with the same idempotency key
 */
record Reply(int status, @Nullable JsonNode body, boolean replayed) {

    /** The connection is closed without a status line, as when a PSP's front end dies mid-request. */
    static final int DROPPED = 0;

    static Reply of(int status, JsonNode body) {
        return new Reply(status, body, false);
    }

    static Reply noContent() {
        return new Reply(204, null, false);
    }

    static Reply dropped() {
        return new Reply(DROPPED, null, false);
    }

    Reply asReplay() {
        return new Reply(status, body, true);
    }
}
