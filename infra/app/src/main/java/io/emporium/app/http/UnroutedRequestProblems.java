package io.emporium.app.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors raised before any controller is chosen (no route: 404, wrong method: 405, unsupported media type: 415)
 * never reach the controllers' problem handlers; this answers them as application/problem+json too, so a client
 * sees one error format for everything it got wrong. Ordered before Spring Boot's JSON error handler.
 */
@Component
@Order(-2)
class UnroutedRequestProblems implements WebExceptionHandler {

    private final JsonMapper json;

    UnroutedRequestProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (!(failure instanceof ErrorResponse error) || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        var problem = error.getBody();
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        var response = exchange.getResponse();
        response.setStatusCode(error.getStatusCode());
        response.getHeaders().addAll(error.getHeaders());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        var body = response.bufferFactory().wrap(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }
}
