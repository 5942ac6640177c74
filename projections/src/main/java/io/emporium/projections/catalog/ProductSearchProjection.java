package io.emporium.projections.catalog;

import io.emporium.contracts.catalog.CatalogEvent;
import io.emporium.contracts.catalog.ProductViewChanged;
import io.emporium.contracts.inventory.InventoryEvent;
import io.emporium.eventstore.PrefetchingEventSource;
import io.emporium.projections.BatchState;
import io.emporium.projections.EventPositions;
import io.emporium.projections.RefusedDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Feeds the product index from catalog and stock events, a batch at a time: the handlers only collect a batch's
 * events per SKU; before the batch commits, the current documents are read in one request, the events applied in
 * order in memory, and the changed documents written in one bulk request.
 *
 * <p>A failure (Elasticsearch down or overloaded) fails the batch before its token is stored; the processor retries
 * it with back-off, so no event is lost. A document Elasticsearch refuses for good is set aside with its reason
 * ({@link RefusedDocuments}) in the batch's transaction, and the rest of the batch is written: one product it cannot
 * index does not hold back every other product's change. Stock that arrives before its product is defined is kept in an
 * {@code UNKNOWN} document, never listed, which the product's definition completes.
 *
 * <p>Once a batch is written, every changed SKU is announced as a {@link ProductViewChanged} to every engine
 * instance when the batch commits ({@link ProductViewAnnouncements}), so that caches of the old view are dropped
 * only after the index shows the new one.
 */
@Component
@ProcessingGroup(ProductSearchProjection.PROCESSOR)
class ProductSearchProjection {

    static final String PROCESSOR = "product-search";
    private static final String PENDING = ProductSearchProjection.class.getName() + ".pending";

    private final ProductIndex index;
    private final ProductViewAnnouncements announcements;
    private final RefusedDocuments refused;

    ProductSearchProjection(ProductIndex index, ProductViewAnnouncements announcements, RefusedDocuments refused) {
        this.index = index;
        this.announcements = announcements;
        this.refused = refused;
    }

    @EventHandler
    void on(CatalogEvent event, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex) {
        var position = EventPositions.of(globalIndex, token);
        pending().add(event.sku(), document -> document.apply(event, position));
    }

    @EventHandler
    void on(InventoryEvent event, TrackingToken token,
            @MetaDataValue(PrefetchingEventSource.GLOBAL_INDEX) @Nullable Long globalIndex) {
        var position = EventPositions.of(globalIndex, token);
        pending().add(event.sku(), document -> document.apply(event, position));
    }

    /** The changes of the batch being handled, written when it is about to commit. */
    private PendingChanges pending() {
        return BatchState.of(PENDING, PendingChanges::new, this::write);
    }

    /**
     * Every SKU of the batch is announced, also one whose document was already written: a batch written to the
     * index whose transaction then rolled back took its announcement with it, and its retry finds nothing to change.
     */
    private void write(PendingChanges changes) {
        var stored = index.find(changes.bySku.keySet());
        var changed = new ArrayList<ProductDocument>();
        var announced = new ArrayList<ProductViewChanged>();
        changes.bySku.forEach((sku, steps) -> {
            var before = stored.getOrDefault(sku, ProductDocument.unknown(sku));
            var after = before;
            for (var step : steps) {
                after = step.apply(after);
            }
            if (!after.equals(before)) {
                changed.add(after);
            }
            announced.add(new ProductViewChanged(sku, after.position()));
        });
        var refusedDocuments = index.write(changed);
        if (!refusedDocuments.isEmpty()) {
            refused.setAside(index.name(), refusedDocuments);
        }
        announcements.announce(announced);
    }

    /** One event's effect on a document. */
    private interface Change {
        ProductDocument apply(ProductDocument document);
    }

    /** The batch's changes per SKU, in the order the events came. */
    private static final class PendingChanges {
        private final LinkedHashMap<String, List<Change>> bySku = new LinkedHashMap<>();

        void add(String sku, Change change) {
            bySku.computeIfAbsent(sku, key -> new ArrayList<>()).add(change);
        }
    }
}
