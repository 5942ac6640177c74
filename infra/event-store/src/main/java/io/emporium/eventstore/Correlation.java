package io.emporium.eventstore;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The correlation id that ties an HTTP request, its command, the events it caused and every projection's work on
 * them together in the logs. It travels as Axon message metadata (Axon copies it from command to events) and is
 * put in the logging MDC wherever a message is handled.
 */
public final class Correlation {

    /**
     * Axon 4's MessageOriginProvider copies {@code traceId} unchanged from each message to the messages it causes,
     * which is what we call the correlation id; Axon's own {@code correlationId} key holds the direct cause's id,
     * which is our causation id.
     */
    public static final String METADATA_KEY = "traceId";
    public static final String CAUSATION_METADATA_KEY = "correlationId";
    public static final String MDC_KEY = "correlationId";
    /** Key in the Reactor context, set by the HTTP edge. */
    public static final String CONTEXT_KEY = "emporium.correlationId";
    public static final String HEADER = "X-Correlation-Id";

    private Correlation() {}

    public static @Nullable String current() {
        return MDC.get(MDC_KEY);
    }

    /** Puts the id in the MDC until the returned scope is closed; a null id leaves the MDC as it is. */
    public static Scope open(@Nullable String correlationId) {
        if (correlationId == null) {
            return () -> {};
        }
        var previous = current();
        MDC.put(MDC_KEY, correlationId);
        return () -> {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        };
    }

    /** A correlation id's time in the MDC. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
