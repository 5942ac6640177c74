package io.emporium.app.http;

import io.emporium.eventstore.Correlation;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.stereotype.Component;

/**
 * Gives every request a correlation id (the caller's X-Correlation-Id if it is sane, else a new one), echoes it in
 * the response, and hands it on in the Reactor context; commands carry it into the events and every log line. It
 * wraps the whole of the engine's HTTP handling, outermost, so that the answers given before WebFlux's dispatch (a
 * cached product page) carry it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIds implements HttpHandlerDecoratorFactory {

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public HttpHandler apply(HttpHandler next) {
        return (request, response) -> {
            var given = request.getHeaders().getFirst(Correlation.HEADER);
            var correlationId = given != null && SANE.matcher(given).matches() ? given : newId();
            response.getHeaders().set(Correlation.HEADER, correlationId);
            return next.handle(request, response)
                    .contextWrite(context -> context.put(Correlation.CONTEXT_KEY, correlationId));
        };
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a correlation id must be unique, not unguessable,
     * and {@link UUID#randomUUID()} draws from the shared SecureRandom, 1.3 % of the engine's CPU serving product
     * pages (async-profiler).
     */
    static String newId() {
        var random = ThreadLocalRandom.current();
        var high = random.nextLong() & ~0xF000L | 0x4000L;
        var low = random.nextLong() & ~0xC000_0000_0000_0000L | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
