package io.emporium.command.http;

import io.emporium.command.CommandSideAutoConfiguration;
import io.emporium.command.checkout.CheckoutBehindException;
import java.util.List;
import io.emporium.command.payment.InvalidCardException;
import io.emporium.command.payment.PaymentUnavailableException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error of the command API as application/problem+json: what the client sent wrong is a 4xx naming the
 * offending fields; a store that is down or timing out is a 503 the client may retry (idempotency makes that safe).
 */
@RestControllerAdvice(basePackageClasses = CommandSideAutoConfiguration.class)
class CommandProblems extends ResponseEntityExceptionHandler {

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        var problem = ex.getBody();
        problem.setDetail("The request has invalid fields.");
        problem.setProperty("errors", fieldErrors(ex));
        return handleExceptionInternal(ex, problem, headers, status, exchange);
    }

    private static List<Map<String, String>> fieldErrors(WebExchangeBindException ex) {
        var fields = ex.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
        var globals = ex.getGlobalErrors().stream()
                .map(error -> Map.of("field", error.getObjectName(), "message",
                        String.valueOf(error.getDefaultMessage())));
        return Stream.concat(fields, globals).toList();
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknown(AggregateNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such resource.");
    }

    /** The client's If-Match names a version the aggregate has moved past: it must look again before changing it. */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> moved(ConflictingAggregateVersionException ex) {
        return problem(HttpStatus.PRECONDITION_FAILED, "VERSION_MISMATCH",
                "The resource changed since the version named in If-Match; read it again.");
    }

    /** Still contended after every retry: rare, and safe to retry with the same Idempotency-Key. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> contended(Exception ex) {
        return retryLater(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION",
                "The resource is being changed by others right now; retry with the same Idempotency-Key.", 1);
    }

    /** The PSP refused the card (bad number, expired, bad code): the customer can correct it. */
    @ExceptionHandler(InvalidCardException.class)
    ResponseEntity<ProblemDetail> invalidCard(InvalidCardException ex) {
        var response = problem(HttpStatus.UNPROCESSABLE_CONTENT, "CARD_INVALID",
                "The card was refused by the payment provider: " + ex.reason() + ".");
        Objects.requireNonNull(response.getBody()).setProperty("errors",
                List.of(Map.of("field", "payment.card." + ex.field(), "message", ex.reason())));
        return response;
    }

    /** The payment provider did not answer in time: nothing was charged twice, and a retry is safe. */
    @ExceptionHandler(PaymentUnavailableException.class)
    ResponseEntity<ProblemDetail> paymentsUnavailable(PaymentUnavailableException ex) {
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, "PAYMENTS_UNAVAILABLE",
                "The payment provider is not answering; retry with the same Idempotency-Key.", 2);
    }

    /** A new order waited for the checkout process to catch up, in vain; nothing was done for it. */
    @ExceptionHandler(CheckoutBehindException.class)
    ResponseEntity<ProblemDetail> checkoutBehind(CheckoutBehindException ex) {
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, "OVERLOADED",
                "Orders are arriving faster than they are checked out; retry shortly with the same Idempotency-Key.",
                1);
    }

    /** A problem the client may retry with the same Idempotency-Key after {@code seconds}. */
    private static ResponseEntity<ProblemDetail> retryLater(HttpStatus status, String reason, String detail,
                                                            int seconds) {
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, Integer.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(status, reason, detail).getBody());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String reason, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("reason", reason);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(TransientDataAccessException ex) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The event store is unavailable; retry with the same Idempotency-Key.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }
}
