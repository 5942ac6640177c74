package io.emporium.projections.stream;

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
     * and one token update per {@code emporium.export.batch-size} events (a thousand unless configured).
     */
    @Bean
    ConfigurerModule exportInOneSegment(@Value("${emporium.export.batch-size:1000}") int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("emporium.export.batch-size must be at least 1, was " + batchSize);
        }
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                EventStreamExport.PROCESSOR, (config, processor) -> processor.initialSegmentCount(1)
                        .batchSize(batchSize));
    }
}
