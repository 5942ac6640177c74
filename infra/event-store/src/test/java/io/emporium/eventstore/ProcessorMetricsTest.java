package io.emporium.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.eventstore.ProcessorMetrics.ProcessorMonitor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.Test;

/** A processor's metrics: its events counted by outcome, and its lag as the age of the last event it handled. */
class ProcessorMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProcessorMonitor monitor = new ProcessorMonitor("order-views", registry);

    private double counted(String name) {
        return registry.get("eventProcessor." + name).tag("processorName", "order-views").counter().count();
    }

    @Test
    void countsAProcessorsEventsByOutcome() {
        monitor.onMessageIngested(GenericEventMessage.asEventMessage("placed")).reportSuccess();
        monitor.onMessageIngested(GenericEventMessage.asEventMessage("paid")).reportIgnored();
        monitor.onMessageIngested(GenericEventMessage.asEventMessage("shipped"))
                .reportFailure(new IllegalStateException("a broken handler"));

        assertThat(counted("ingestedCounter")).isEqualTo(3);
        assertThat(counted("successCounter")).isEqualTo(1);
        assertThat(counted("ignoredCounter")).isEqualTo(1);
        assertThat(counted("failureCounter")).isEqualTo(1);
    }

    @Test
    void keepsTheAgeOfTheLastHandledEventAsItsLatency() {
        var aMinuteAgo = Instant.now().minus(Duration.ofMinutes(1));
        var placed = new GenericEventMessage<>(new GenericMessage<>("placed"), () -> aMinuteAgo);

        monitor.onMessageIngested(placed).reportSuccess();

        var gauge = registry.get("eventProcessor.latency").tag("processorName", "order-views").gauge().value();
        assertThat(gauge).isBetween(60_000.0, 120_000.0);
    }

    @Test
    void neverReadsTheTimeOfAnEventItIgnores() {
        var timeRead = new AtomicInteger();
        var paid = new GenericEventMessage<>(new GenericMessage<>("paid"), () -> {
            timeRead.incrementAndGet();
            return Instant.now();
        });

        monitor.onMessageIngested(paid).reportIgnored();

        assertThat(timeRead).hasValue(0);
        assertThat(monitor.latencyMillis()).isZero();
    }
}
