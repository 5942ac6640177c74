package io.emporium.query;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
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

    private static final Logger LOG = LoggerFactory.getLogger(QueryProblems.class);

    @ExceptionHandler({InvalidQueryParameterException.class, ReadModelUnavailableException.class})
    ResponseEntity<ProblemDetail> answer(ErrorResponseException ex) {
        return ResponseEntity.status(ex.getStatusCode()).headers(ex.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ex.getBody());
    }

    /**
     * PostgreSQL does not answer, refuses more connections, or no pooled connection came free in time
     * ({@code spring.r2dbc.pool.max-acquire-time}): the reader may come back, as with the product index.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> unavailable(DataAccessException ex) {
        LOG.warn("A PostgreSQL read model is unavailable: {}", ex.getMostSpecificCause().toString());
        return answer(new ReadModelUnavailableException("A PostgreSQL read model", ex));
    }
}
