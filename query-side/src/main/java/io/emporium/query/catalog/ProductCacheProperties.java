package io.emporium.query.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hot-catalog cache of product pages.
 *
 * @param maximumSize products kept; the least used beyond it are evicted
 * @param timeToLive  how long a page is kept at most; changed products are evicted at once in every instance, so
 *                    this only bounds memory for products nobody asks for and staleness if eviction itself failed
 */
@ConfigurationProperties("emporium.query.product-cache")
record ProductCacheProperties(@DefaultValue("10000") long maximumSize, @DefaultValue("60s") Duration timeToLive) {}
