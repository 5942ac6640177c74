package io.emporium.query;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The store of a read model does not answer: a 503 problem with Retry-After, which the client may retry. It carries
 * its own answer, so an annotated controller and a functional route answer it the same way.
 */
public class ReadModelUnavailableException extends ErrorResponseException {

    private final String message;

    public ReadModelUnavailableException(String readModel, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The read model does not answer right now; retry shortly."), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        this.message = readModel + " is unavailable";
    }

    @Override
    public String getMessage() {
        return message;
    }
}
