package io.emporium.command.http;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Admits at most {@code emporium.commands.max-in-flight} state-changing requests at a time and answers the rest at
 * once with 503, {@code reason} OVERLOADED and Retry-After, instead of queueing them. Rejected before anything is
 * done, a request is safe to send again with the same Idempotency-Key. Ops and actuator endpoints are never held back.
 *
 * <p>Why: a burst above what the engine takes made every request wait, and waiting card tokenizations ran past the
 * PSP client's timeout, whose retries added to the load. 130 orders/s for 60 s at a freshly started engine with every
 * role (issue 3's note): unbounded, 7,651 orders taken with p50 6.8 s and p99 46 s and 9,178 tokenization timeouts;
 * bounded at 256, 5,808 taken with p50 2.5 s and p99 24 s, 1,992 turned away, 1,013 timeouts; at 64, 4,944 taken
 * with p50 1.1 s and p99 6.0 s, 2,856 turned away, 39 timeouts.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CommandAdmission implements WebFilter {

    private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final Bulkhead inFlight;
    private final Counter rejected;

    @Autowired
    CommandAdmission(CommandAdmissionProperties properties, ObjectProvider<MeterRegistry> meters) {
        this(properties, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    CommandAdmission(CommandAdmissionProperties properties, MeterRegistry registry) {
        this.inFlight = Bulkhead.of("commands", BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxInFlight()).maxWaitDuration(Duration.ZERO).build());
        Gauge.builder("emporium.commands.in.flight", inFlight,
                        bulkhead -> properties.maxInFlight() - bulkhead.getMetrics().getAvailableConcurrentCalls())
                .description("State-changing requests being handled").register(registry);
        this.rejected = Counter.builder("emporium.commands.rejected.overload")
                .description("State-changing requests answered 503 because too many were in flight")
                .register(registry);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        var path = request.getPath().value();
        if (!CHANGES.contains(request.getMethod()) || path.startsWith("/ops/") || path.startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).transformDeferred(BulkheadOperator.of(inFlight))
                .onErrorMap(BulkheadFullException.class, full -> {
                    rejected.increment();
                    return overloaded();
                });
    }

    private static ErrorResponseException overloaded() {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Too many changes are being handled right now; retry shortly with the same Idempotency-Key.");
        problem.setProperty("reason", "OVERLOADED");
        var overloaded = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        overloaded.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return overloaded;
    }
}
