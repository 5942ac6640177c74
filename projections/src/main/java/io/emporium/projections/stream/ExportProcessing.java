package io.emporium.projections.stream;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the Kafka export is fed its events. */
@Configuration(proxyBeanMethods = false)
class ExportProcessing {

    /**
     * One segment: the whole stream goes out in the order the store delivers it, through one transactional
     * producer. Large batches when there is a backlog (a replay, a restart after an outage): one Kafka transaction
     * and one token update per thousand events.
     */
    @Bean
    ConfigurerModule exportInOneSegment() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                EventStreamExport.PROCESSOR, (config, processor) -> processor.initialSegmentCount(1).batchSize(1000));
    }
}
