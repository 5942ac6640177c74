package io.emporium.projections.search;

import io.emporium.eventstore.PrefetchingEventSource;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the order-search processor is fed: at live rates the events of {@code emporium.order-search.linger} (500 ms
 * unless configured) come as one batch, so a segment reads and writes Elasticsearch once for them instead of once per
 * event. The index shows writes only at its next refresh (every second) in any case, and nobody reads an order
 * back from it after placing one (the order's own view is in PostgreSQL). Product search keeps its shorter linger
 * ({@code emporium.search.linger}): a product page reads its document by id, which shows a write at once.
 */
@Configuration(proxyBeanMethods = false)
class OrderSearchProcessing {

    /**
     * Fewer than {@link io.emporium.eventstore.EventStoreConfiguration#PROCESSOR_SEGMENTS}: here each segment's
     * share of a batch is also an Elasticsearch read and bulk request. Two still spread the work over two cores, or
     * two instances.
     */
    private static final int SEGMENTS = 2;

    @Bean
    ConfigurerModule orderSearchInBatches(@Value("${emporium.order-search.linger:500ms}") Duration linger) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                OrderSearchProjection.PROCESSOR, (config, processor) -> processor.initialSegmentCount(SEGMENTS)
                        .messageSource(new PrefetchingEventSource(config.eventStore(), linger)));
    }
}
