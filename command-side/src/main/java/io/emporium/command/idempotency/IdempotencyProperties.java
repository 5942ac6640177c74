package io.emporium.command.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl       how long a key is remembered; a retry after that runs as a new request (Stripe keeps 24 h)
 * @param writers   threads that each commit one batch of requests at a time
 * @param batchSize the most requests committed in one transaction
 */
@ConfigurationProperties("emporium.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration ttl, @DefaultValue("4") int writers,
                                    @DefaultValue("64") int batchSize) {

    public IdempotencyProperties {
        if (writers < 1 || batchSize < 1) {
            throw new IllegalArgumentException("emporium.idempotency.writers and batch-size must be at least 1");
        }
    }
}
