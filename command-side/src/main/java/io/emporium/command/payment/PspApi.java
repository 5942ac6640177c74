package io.emporium.command.payment;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The PSP's HTTP API reduced to what the gateway needs: requests out, replies in, nothing decided. */
interface PspApi extends AutoCloseable {

    /** @param idempotencyKey sent as the {@code Idempotency-Key} header, where the call moves money */
    PspReply post(String path, @Nullable String idempotencyKey, JsonNode body);

    PspReply get(String pathAndQuery);

    @Override
    default void close() {
    }
}
