package io.emporium.command.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl       how long a key is remembered; a retry after that runs as a new request (Stripe keeps 24 h)
 * @param writers   threads that each commit one batch of requests at a time
 * @param batchSize the most requests committed in one transaction. Batches alternate: one gathers while the one
 *                  before it commits, so each holds a little under half of what is in flight (51-53 requests at 128
 *                  users, 110 at 256), and a cap below that makes the rest wait a turn with nothing saved. 128 is
 *                  half of the default {@code emporium.commands.max-in-flight}. On the command side alone at 256
 *                  users (the bench's scenario 5 by a throwaway driver, one engine each; issue 3's note of
 *                  2026-12-06, forty-second session, names the runs), a cap of 64 committed 62.3 requests per
 *                  transaction and placed 5,417 (4,546-5,761) orders/s at 185 us of engine CPU per order; a cap of
 *                  128 committed 110.3 and placed 6,297 (5,587-6,602) at 157 us. One pair of runs; at 128 users the
 *                  cap does not bind.
 */
@ConfigurationProperties("emporium.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration ttl, @DefaultValue("4") int writers,
                                    @DefaultValue("128") int batchSize) {

    public IdempotencyProperties {
        if (writers < 1 || batchSize < 1) {
            throw new IllegalArgumentException("emporium.idempotency.writers and batch-size must be at least 1");
        }
    }
}
