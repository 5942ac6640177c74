package io.emporium.command.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param ttl how long a key is remembered; a retry after that runs as a new request (Stripe keeps 24 h) */
@ConfigurationProperties("emporium.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration ttl) {}
