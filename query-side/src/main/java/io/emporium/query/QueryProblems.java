package io.emporium.query;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the query API as application/problem+json (404 for an unknown order, 400 for bad input). */
@RestControllerAdvice(basePackageClasses = QuerySideAutoConfiguration.class)
class QueryProblems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QueryProblems.class);

    /** Names the parameter the way the command side names fields, so that clients read both alike. */
    @ExceptionHandler(InvalidQueryParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidQueryParameterException ex) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has an invalid parameter: " + ex.parameter() + ".");
        problem.setProperty("errors", List.of(Map.of("field", ex.parameter(), "message", ex.getMessage())));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(ReadModelUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ReadModelUnavailableException ex) {
        LOG.warn("{}: {}", ex.getMessage(), String.valueOf(ex.getCause()));
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The read model does not answer right now; retry shortly.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
