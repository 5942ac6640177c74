package io.emporium.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.WebFilterChain;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class CommandAdmissionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommandAdmission admission = new CommandAdmission(new CommandAdmissionProperties(2), meters);
    /** Requests handled by this chain stay in flight until it is told to finish them. */
    private final Sinks.Empty<Void> finish = Sinks.empty();
    private final AtomicInteger handled = new AtomicInteger();
    private final WebFilterChain slowHandler = exchange -> {
        handled.incrementAndGet();
        return finish.asMono();
    };
    private final WebFilterChain quickHandler = exchange -> Mono.fromRunnable(handled::incrementAndGet);

    @Test
    void turnsAwayAChangeOnceTheBoundIsInFlight() {
        inFlight(MockServerHttpRequest.post("/orders"));
        inFlight(MockServerHttpRequest.put("/products/SKU-1/price"));

        StepVerifier.create(admission.filter(exchange(MockServerHttpRequest.post("/orders")), quickHandler))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ErrorResponseException.class);
                    var overloaded = (ErrorResponseException) error;
                    assertThat(overloaded.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(overloaded.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
                    assertThat(overloaded.getBody().getProperties()).containsEntry("reason", "OVERLOADED");
                })
                .verify();
        assertThat(handled).hasValue(2);
        assertThat(meters.counter("emporium.commands.rejected.overload").count()).isEqualTo(1.0);
        assertThat(meters.get("emporium.commands.in.flight").gauge().value()).isEqualTo(2.0);
    }

    @Test
    void admitsChangesAgainOnceThoseInFlightAreAnswered() {
        inFlight(MockServerHttpRequest.post("/orders"));
        inFlight(MockServerHttpRequest.post("/carts"));
        finish.tryEmitEmpty();

        StepVerifier.create(admission.filter(exchange(MockServerHttpRequest.post("/orders")), quickHandler))
                .verifyComplete();
        assertThat(handled).hasValue(3);
        assertThat(meters.get("emporium.commands.in.flight").gauge().value()).isEqualTo(0.0);
    }

    @Test
    void admitsChangesAgainOnceTheirClientsHaveGoneAway() {
        inFlight(MockServerHttpRequest.post("/orders")).dispose();
        inFlight(MockServerHttpRequest.delete("/carts/c-1/items/SKU-1")).dispose();

        StepVerifier.create(admission.filter(exchange(MockServerHttpRequest.post("/orders")), quickHandler))
                .verifyComplete();
        assertThat(handled).hasValue(3);
    }

    @Test
    void neverHoldsBackReadsOrOperations() {
        inFlight(MockServerHttpRequest.post("/orders"));
        inFlight(MockServerHttpRequest.post("/orders"));

        StepVerifier.create(admission.filter(exchange(MockServerHttpRequest.get("/orders/o-1")), quickHandler))
                .verifyComplete();
        StepVerifier.create(admission.filter(exchange(MockServerHttpRequest.post("/ops/rebuilds")), quickHandler))
                .verifyComplete();
        StepVerifier.create(admission.filter(exchange(MockServerHttpRequest.post("/actuator/refresh")),
                quickHandler)).verifyComplete();
        assertThat(handled).hasValue(5);
        assertThat(meters.counter("emporium.commands.rejected.overload").count()).isZero();
    }

    private Disposable inFlight(MockServerHttpRequest.BaseBuilder<?> request) {
        return admission.filter(exchange(request), slowHandler).subscribe();
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return MockServerWebExchange.from(request);
    }
}
