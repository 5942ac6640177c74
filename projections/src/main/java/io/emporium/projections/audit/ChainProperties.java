package io.emporium.projections.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled      whether this instance takes part in building the chain (one instance builds at a time)
 * @param interval     how long the builder rests once it has caught up
 * @param batch        rows linked per transaction
 * @param headInterval how often the chain's head is recorded in audit_chain_head
 */
@ConfigurationProperties("emporium.audit.chain")
public record ChainProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
                              @DefaultValue("2000") int batch, @DefaultValue("1m") Duration headInterval) {}
