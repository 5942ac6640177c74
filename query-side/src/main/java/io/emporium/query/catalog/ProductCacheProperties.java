package io.emporium.query.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hot-catalog cache of product pages. Changed products are evicted at once in every instance, so the two ages
 * only bound staleness if eviction itself failed, and memory for products nobody asks for.
 *
 * @param maximumSize  products kept; the least used beyond it are evicted
 * @param refreshAfter a page older than this is read again from the index on its next read, in the background: that
 *                     reader, and every one until the new page is there, is answered from memory
 * @param timeToLive   a page is never served older than this (each page's own limit is drawn from the last quarter
 *                     of it); past it, the next reader waits for the index
 * @param refreshesPerSecond refreshes started at most per second, a tenth of them each tenth of a second: pages
 *                     that come due together are refreshed over two thirds of the refresh age, and never faster than
 *                     this ({@link RefreshPacing}, {@link ProductDetailCache#refreshesPerWindow})
 */
@ConfigurationProperties("emporium.query.product-cache")
record ProductCacheProperties(@DefaultValue("10000") long maximumSize, @DefaultValue("60s") Duration refreshAfter,
                              @DefaultValue("10m") Duration timeToLive,
                              @DefaultValue("200") int refreshesPerSecond) {

    ProductCacheProperties {
        if (refreshesPerSecond < 10) {
            throw new IllegalArgumentException("emporium.query.product-cache.refreshes-per-second must be at least 10");
        }
    }
}
