package io.emporium.query.catalog;

import io.emporium.query.freshness.ChangeNotices;
import io.emporium.query.freshness.ChangeNotices.Change;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Keeps this instance's product pages fresh, wherever the product-search projection runs: a page is dropped when its
 * product's change commits, and every page when notices may have been missed (the listening connection was lost)
 * or a rebuilt index took over.
 */
@Component
class ProductCacheEviction implements InitializingBean, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ProductCacheEviction.class);

    private final ChangeNotices notices;
    private final ProductDetailCache cache;
    private volatile @Nullable Disposable following;

    ProductCacheEviction(ChangeNotices notices, ProductDetailCache cache) {
        this.notices = notices;
        this.cache = cache;
    }

    @Override
    public void afterPropertiesSet() {
        following = follow(notices.ofEvery(ChangeNotices.Channel.PRODUCTS), cache);
    }

    static Disposable follow(Flux<Change> changes, ProductDetailCache cache) {
        return changes.subscribe(change -> {
            switch (change) {
                case Change.Changed changed -> cache.invalidate(changed.id());
                case Change.Resync resync -> cache.invalidateAll();
            }
        }, error -> LOG.error("Product pages are no longer evicted on changes; only their time to live bounds them",
                error));
    }

    @Override
    public void destroy() {
        var subscription = following;
        if (subscription != null) {
            subscription.dispose();
        }
    }
}
