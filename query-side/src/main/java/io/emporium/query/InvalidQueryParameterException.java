package io.emporium.query;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A query parameter the client got wrong: a 400 problem naming the parameter the way the command side names fields,
 * so that clients read both alike. It carries its own answer, so an annotated controller and a functional route
 * answer it the same way.
 */
public class InvalidQueryParameterException extends ErrorResponseException {

    private final String parameter;
    private final String message;

    public InvalidQueryParameterException(String parameter, String message) {
        super(HttpStatus.BAD_REQUEST, problem(parameter, message), null);
        this.parameter = parameter;
        this.message = message;
    }

    private static ProblemDetail problem(String parameter, String message) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has an invalid parameter: " + parameter + ".");
        problem.setProperty("errors", List.of(Map.of("field", parameter, "message", message)));
        return problem;
    }

    public String parameter() {
        return parameter;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
