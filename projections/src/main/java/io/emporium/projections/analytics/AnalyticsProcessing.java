package io.emporium.projections.analytics;

import io.emporium.eventstore.PrefetchingEventSource;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the analytics processor runs. */
@Configuration(proxyBeanMethods = false)
class AnalyticsProcessing {

    /**
     * Catching up (a first start, a replay) moves this many events per transaction and token update; live, a batch
     * holds what arrived within {@code emporium.analytics.linger} (a second unless configured) of a quiet moment, as
     * analytics promise no freshness (see {@link PrefetchingEventSource}).
     */
    private static final int BATCH_SIZE = 500;

    /**
     * One segment: every event adds to a few shared counters (a day's funnel row, a busy product's hour), which
     * parallel segments would take turns locking, in orders that can deadlock. A failing event fails its batch, which
     * is retried, instead of being skipped with half of its counts written.
     */
    @Bean
    ConfigurerModule analyticsProcessor(@Value("${emporium.analytics.linger:1s}") Duration linger) {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(AnalyticsProjection.PROCESSOR,
                        configuration -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessorConfiguration(AnalyticsProjection.PROCESSOR,
                        (configuration, processor) -> processor.initialSegmentCount(1).batchSize(BATCH_SIZE)
                                .messageSource(new PrefetchingEventSource(configuration.eventStore(), linger)));
    }
}
