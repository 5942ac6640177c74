package io.emporium.query;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the query API's controllers as application/problem+json (404 for an unknown order, 400 for bad
 * input). The query side's own exceptions carry their problem; a functional route's errors are answered alike by the
 * engine's handler of errors raised outside controllers.
 */
@RestControllerAdvice(basePackageClasses = QuerySideAutoConfiguration.class)
class QueryProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler({InvalidQueryParameterException.class, ReadModelUnavailableException.class})
    ResponseEntity<ProblemDetail> answer(ErrorResponseException ex) {
        return ResponseEntity.status(ex.getStatusCode()).headers(ex.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ex.getBody());
    }
}
