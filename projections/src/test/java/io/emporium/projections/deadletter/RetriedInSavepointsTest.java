package io.emporium.projections.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Bounded retries in place, before Axon gets to dead-letter an event (savepoints: see DeadLetteringIT). */
class RetriedInSavepointsTest {

    private static final DeadLetterProperties SETTINGS =
            new DeadLetterProperties(3, Duration.ofMillis(1), Duration.ofMillis(4));

    /** Fails its first {@code failures} attempts at any event. */
    static final class Flaky {
        final AtomicInteger attempts = new AtomicInteger();
        final int failures;

        Flaky(int failures) {
            this.failures = failures;
        }

        @EventHandler
        void on(String event) {
            if (attempts.incrementAndGet() <= failures) {
                throw new IllegalStateException("attempt " + attempts.get() + " failed");
            }
        }
    }

    private static AnnotationEventHandlerAdapter retried(Flaky handler) {
        return new AnnotationEventHandlerAdapter(handler, ClasspathParameterResolverFactory.forClass(Flaky.class),
                new RetriedInSavepoints(ClasspathHandlerDefinition.forClass(Flaky.class),
                        new DriverManagerDataSource(), SETTINGS));
    }

    @Test
    void anEventThatFailsAFewTimesIsAppliedWithoutEverBecomingADeadLetter() throws Exception {
        var handler = new Flaky(3);

        retried(handler).handle(GenericEventMessage.asEventMessage("order placed"));

        assertThat(handler.attempts).hasValue(4);
    }

    @Test
    void anEventThatKeepsFailingIsGivenUpAfterTheRetriesWithItsLastFailure() {
        var handler = new Flaky(Integer.MAX_VALUE);

        assertThatThrownBy(() -> retried(handler).handle(GenericEventMessage.asEventMessage("order placed")))
                .hasMessage("attempt 4 failed");
        assertThat(handler.attempts).hasValue(4);
    }

    @Test
    void aDeadLetterAnOperatorRetriesGetsOneAttempt() {
        var handler = new Flaky(Integer.MAX_VALUE);
        EventMessage<?> event = GenericEventMessage.asEventMessage("order placed");
        var retry = DefaultUnitOfWork.startAndGet(event);
        retry.resources().put(DeadLetter.class.getName(), new GenericDeadLetter<>("order-1", event));
        try {
            assertThatThrownBy(() -> retried(handler).handle(event)).hasMessage("attempt 1 failed");
            assertThat(handler.attempts).hasValue(1);
        } finally {
            retry.rollback();
        }
    }
}
