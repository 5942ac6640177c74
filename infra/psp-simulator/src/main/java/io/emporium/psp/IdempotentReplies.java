package io.emporium.psp;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Stripe's idempotency: the first request with a key runs and its reply is kept; a retry with the same key and the
 * same request gets that reply again without running anything; the same key with another request is refused (422);
 * a retry while the first is still running is told to come back (409), so it can never run twice.
 *
 * <p>Requests refused before they run (malformed, unknown token) keep no reply, so they may be retried as they are.
 */
final class IdempotentReplies {

    /**
     * What a request asked for, to tell a retry from a different request under the same key.
     *
     * @param route the operation and its path, such as {@code POST /v1/payments/pay_1/capture}
     * @param body  the parsed request body; JSON equality ignores the order of fields
     */
    record Fingerprint(String route, @Nullable JsonNode body) {}

    private record Claim(Fingerprint fingerprint, @Nullable Reply reply) {}

    private final ConcurrentHashMap<String, Claim> claims = new ConcurrentHashMap<>();

    Reply run(String key, Fingerprint fingerprint, Supplier<Reply> work) {
        var claim = new Claim(fingerprint, null);
        var earlier = claims.putIfAbsent(key, claim);
        if (earlier != null) {
            if (!Objects.equals(earlier.fingerprint(), fingerprint)) {
                return PspError.idempotency(422, "idempotency_key_reused",
                        "this idempotency key was used with another request").reply();
            }
            if (earlier.reply() == null) {
                return PspError.idempotency(409, "idempotency_key_in_use",
                        "a request with this idempotency key is still being processed; retry later").reply();
            }
            return earlier.reply().asReplay();
        }
        Reply reply;
        try {
            reply = work.get();
        } catch (PspError refused) {
            reply = refused.reply();
        } catch (RuntimeException | Error e) {
            claims.remove(key, claim);
            throw e;
        }
        claims.put(key, new Claim(fingerprint, reply));
        return reply;
    }
}
