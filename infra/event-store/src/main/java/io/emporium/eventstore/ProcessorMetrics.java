package io.emporium.eventstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Axon's metrics, with lean ones for event processors. Axon's dimensional monitors look up a timer, a capacity
 * meter and counters by the event's payload type for every event every processor reads, also for the many events
 * a processor ignores; that took about a sixth of the engine's samples while its processors caught up with a
 * generated catalog. Here each processor has its counters and its latency gauge, registered once with its name as
 * the one tag, under Axon's names ({@code eventProcessor.successCounter}, {@code eventProcessor.latency}, ...).
 * The command bus, event store and query bus keep Axon's monitors. Declared before Axon's own metrics
 * configuration, which then steps back.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration")
@ConditionalOnProperty(name = "axon.metrics.auto-configuration.enabled", matchIfMissing = true)
public class ProcessorMetrics {

    private static final String PREFIX = "eventProcessor";
    private static final String PROCESSOR_TAG = "processorName";

    @Bean
    MetricsConfigurerModule axonMetrics(MeterRegistry registry) {
        return new LeanProcessorMetrics(new GlobalMetricRegistry(registry));
    }

    /** Axon's dimensional monitors for every component but event processors, which get a {@link ProcessorMonitor}. */
    static final class LeanProcessorMetrics extends MetricsConfigurerModule {

        private final GlobalMetricRegistry axon;

        LeanProcessorMetrics(GlobalMetricRegistry axon) {
            super(axon, true);
            this.axon = axon;
        }

        @Override
        public void configureModule(Configurer configurer) {
            configurer.configureMessageMonitor(configuration -> this::monitorOf);
        }

        // Axon's registry answers with a monitor of the component's own message type, as its own module casts too.
        @SuppressWarnings("unchecked")
        private MessageMonitor<Message<?>> monitorOf(Class<?> componentType, String componentName) {
            return EventProcessor.class.isAssignableFrom(componentType)
                    ? new ProcessorMonitor(componentName, axon.getRegistry())
                    : (MessageMonitor<Message<?>>) axon.registerComponentWithDefaultTags(componentType, componentName);
        }
    }

    /**
     * Counts a processor's events by outcome and keeps how old the last event it handled was when it was handled:
     * the processor's lag. Ignored events are counted, but their timestamps are never read.
     */
    static final class ProcessorMonitor implements MessageMonitor<Message<?>> {

        private final Counter ingested;
        private final Counter succeeded;
        private final Counter failed;
        private final Counter ignored;
        private final AtomicLong latencyMillis = new AtomicLong();
        private final Outcome withoutLatency = new Outcome(null);

        ProcessorMonitor(String processor, MeterRegistry registry) {
            ingested = counter(registry, "ingestedCounter", processor);
            succeeded = counter(registry, "successCounter", processor);
            failed = counter(registry, "failureCounter", processor);
            ignored = counter(registry, "ignoredCounter", processor);
            Gauge.builder(PREFIX + ".latency", latencyMillis, AtomicLong::get).tag(PROCESSOR_TAG, processor)
                    .description("Milliseconds between an event's time and its handling, for the last one handled")
                    .register(registry);
        }

        private static Counter counter(MeterRegistry registry, String name, String processor) {
            return Counter.builder(PREFIX + "." + name).tag(PROCESSOR_TAG, processor).register(registry);
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            ingested.increment();
            return message instanceof EventMessage<?> event ? new Outcome(event) : withoutLatency;
        }

        /** Counts how one message ended; a handled event also sets the latency. */
        private final class Outcome implements MonitorCallback {

            private final @Nullable EventMessage<?> event;

            Outcome(@Nullable EventMessage<?> event) {
                this.event = event;
            }

            @Override
            public void reportSuccess() {
                succeeded.increment();
                if (event != null) {
                    latencyMillis.set(Math.max(0, System.currentTimeMillis() - event.getTimestamp().toEpochMilli()));
                }
            }

            @Override
            public void reportFailure(Throwable cause) {
                failed.increment();
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
            }
        }

        long latencyMillis() {
            return latencyMillis.get();
        }
    }
}
