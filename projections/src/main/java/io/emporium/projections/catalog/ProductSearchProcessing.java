package io.emporium.projections.catalog;

import io.emporium.contracts.catalog.CatalogEvent;
import io.emporium.contracts.inventory.InventoryEvent;
import io.emporium.eventstore.PrefetchingEventSource;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the product-search processor runs: events of one SKU in one segment, in order, whichever aggregate (product or
 * stock) they come from, so that one thread reads, changes and writes a SKU's document; batches large enough that
 * one bulk request carries many changes, also at live rates ({@code emporium.search.linger}, see
 * {@link PrefetchingEventSource}); and a failing handler fails its batch instead of skipping the event.
 */
@Configuration(proxyBeanMethods = false)
class ProductSearchProcessing {

    /**
     * Fewer than {@link io.emporium.eventstore.EventStoreConfiguration#PROCESSOR_SEGMENTS}: here each segment's
     * share of a batch is also an Elasticsearch read and bulk request. Two still spread the work over two cores, or
     * two instances.
     */
    private static final int SEGMENTS = 2;
    /** A bulk request of up to this many events; measured against projection lag in issue 6's suite. */
    private static final int BATCH_SIZE = 100;

    @Bean
    ConfigurerModule productSearchProcessor(@Value("${emporium.search.linger:100ms}") Duration linger) {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(ProductSearchProjection.PROCESSOR, configuration -> bySku())
                .registerListenerInvocationErrorHandler(ProductSearchProjection.PROCESSOR,
                        configuration -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessorConfiguration(ProductSearchProjection.PROCESSOR,
                        (configuration, processor) -> processor.batchSize(BATCH_SIZE).initialSegmentCount(SEGMENTS)
                                .messageSource(new PrefetchingEventSource(configuration.eventStore(), linger)));
    }

    /** The SKU of a catalog or stock event; other events are not handled by this processor. */
    static SequencingPolicy<EventMessage<?>> bySku() {
        return event -> switch (event.getPayload()) {
            case CatalogEvent catalog -> catalog.sku();
            case InventoryEvent stock -> stock.sku();
            default -> event.getIdentifier();
        };
    }
}
