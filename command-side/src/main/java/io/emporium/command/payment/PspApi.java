package io.emporium.command.payment;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The PSP's HTTP API reduced to what the gateway needs: requests out, replies in, nothing decided. */
interface PspApi extends AutoCloseable {

    /** @param idempotencyKey sent as the {@code Idempotency-Key} header, where the call moves money */
    PspReply post(String path, @Nullable String idempotencyKey, JsonNode body);

    /** {@link #post} without holding a thread while the PSP answers. */
    default Mono<PspReply> postAsync(String path, @Nullable String idempotencyKey, JsonNode body) {
        return Mono.fromSupplier(() -> post(path, idempotencyKey, body));
    }

    PspReply get(String pathAndQuery);

    @Override
    default void close() {
    }
}
