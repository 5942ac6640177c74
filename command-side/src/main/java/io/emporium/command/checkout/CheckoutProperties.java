package io.emporium.command.checkout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param paymentTimeout how long a placed order may wait for its payment before it is cancelled and its stock
 *                       released
 * @param sweepInterval  how often overdue orders are looked for
 * @param maxBacklog     how far behind (the age of the oldest event it has yet to take) the checkout process may
 *                       fall before new orders wait for it ({@link CheckoutBacklog})
 * @param maxWaitForBacklog how long a new order waits for the process to come within {@code maxBacklog} before it
 *                       is turned away (503, nothing done, safe to send again)
 * @param backlogCheckInterval how often the process's backlog is read
 */
@ConfigurationProperties("emporium.checkout")
public record CheckoutProperties(@DefaultValue("15m") Duration paymentTimeout,
                                 @DefaultValue("1s") Duration sweepInterval,
                                 @DefaultValue("2s") Duration maxBacklog,
                                 @DefaultValue("5s") Duration maxWaitForBacklog,
                                 @DefaultValue("50ms") Duration backlogCheckInterval) {}
