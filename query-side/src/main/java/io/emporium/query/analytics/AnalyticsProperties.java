package io.emporium.query.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Analytics reads.
 *
 * @param abandonedAfter how long a cart with items stays untouched before it counts as abandoned, unless a request
 *                       asks for another period
 */
@ConfigurationProperties("emporium.analytics")
record AnalyticsProperties(@DefaultValue("24h") Duration abandonedAfter) {}
