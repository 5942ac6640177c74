package io.emporium.command.checkout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param paymentTimeout how long a placed order may wait for its payment before it is cancelled and its stock
 *                       released
 * @param sweepInterval  how often overdue orders are looked for
 */
@ConfigurationProperties("emporium.checkout")
public record CheckoutProperties(@DefaultValue("15m") Duration paymentTimeout,
                                 @DefaultValue("1s") Duration sweepInterval) {}
