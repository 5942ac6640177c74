package io.emporium.app.ops;

import io.emporium.projections.RefusedRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused ops request (replay, rebuild, dead letters) as a 400 problem that names the wrong value the way the
 * command and query sides name theirs: {@code errors[].field} and {@code errors[].message}.
 */
@RestControllerAdvice(basePackageClasses = OpsProblems.class)
class OpsProblems {

    @ExceptionHandler(RefusedRequest.class)
    ResponseEntity<ProblemDetail> refused(RefusedRequest refused) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has an invalid value for " + refused.field() + ".");
        problem.setProperty("errors", List.of(Map.of("field", refused.field(), "message", refused.getMessage())));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
