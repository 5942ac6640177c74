package io.emporium.query.freshness;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A read that waited in vain for its own write: 503 with Retry-After, so the client asks again, never older data. */
@RestControllerAdvice(basePackages = "io.emporium.query")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReadYourWritesProblems {

    @ExceptionHandler(NotYetVisibleException.class)
    ResponseEntity<ProblemDetail> notYetVisible(NotYetVisibleException ex) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setTitle("Not yet visible");
        problem.setProperty("reason", "POSITION_NOT_YET_VISIBLE");
        problem.setProperty("position", ex.position());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
