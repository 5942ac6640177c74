package io.emporium.command.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxInFlight state-changing requests handled at once; more are answered 503 at once. Set it to what one
 *                    instance finishes in the latency its clients accept ({@link CommandAdmission} has measured
 *                    bounds). The default stays above what the benchmark's open model keeps in flight at 0.9 times
 *                    the peak (236-248 orders/s with a p99 of 539-581 ms: about 140).
 */
@ConfigurationProperties("emporium.commands")
public record CommandAdmissionProperties(@DefaultValue("256") int maxInFlight) {

    public CommandAdmissionProperties {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("emporium.commands.max-in-flight must be at least 1");
        }
    }
}
