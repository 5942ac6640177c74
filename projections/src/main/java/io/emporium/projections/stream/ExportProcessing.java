package io.emporium.projections.stream;

import io.emporium.eventstore.PrefetchingEventSource;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the Kafka export is fed its events. */
@Configuration(proxyBeanMethods = false)
class ExportProcessing {

    /**
     * One segment: the whole stream goes out in the order the store delivers it, through one transactional
     * producer. Large batches when there is a backlog (a replay, a restart after an outage): one Kafka transaction
     * and one token update per {@code emporium.export.batch-size} events (a thousand unless configured). At live
     * rates the events of {@code emporium.export.linger} (a second unless configured) go out together: one
     * transaction for them, where each event was a transaction of its own (a begin, a send, the position, a commit
     * and its markers) when they trickled in one by one. The export promises no freshness, and a transaction costs
     * Kafka far more than a record: with a linger of 100 ms (and analytics' too), Kafka used 2.22-2.67 ms of CPU per
     * order at 50 orders/s in four runs; with a second, 1.11-1.33 in four (issue 4's note has the runs).
     */
    @Bean
    ConfigurerModule exportInOneSegment(@Value("${emporium.export.batch-size:1000}") int batchSize,
                                        @Value("${emporium.export.linger:1s}") Duration linger) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("emporium.export.batch-size must be at least 1, was " + batchSize);
        }
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                EventStreamExport.PROCESSOR, (config, processor) -> processor.initialSegmentCount(1)
                        .batchSize(batchSize).messageSource(new PrefetchingEventSource(config.eventStore(), linger)));
    }
}
