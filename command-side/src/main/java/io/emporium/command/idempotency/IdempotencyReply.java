package io.emporium.command.idempotency;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** How a request under an idempotency key was answered. */
public sealed interface IdempotencyReply {

    /** The HTTP response for this reply: the stored one (marked when replayed), or a 422 problem. */
    ResponseEntity<?> toHttpResponse();

    /** The request ran now; its effects and this response were committed together. */
    record Executed(StoredResponse response) implements IdempotencyReply {
        @Override
        public ResponseEntity<?> toHttpResponse() {
            return stored(response, new HttpHeaders());
        }
    }

    /** The key was seen with the same request before: this is the first response again, nothing ran. */
    record Replayed(StoredResponse response) implements IdempotencyReply {
        @Override
        public ResponseEntity<?> toHttpResponse() {
            var replayed = new HttpHeaders();
            replayed.add("Idempotent-Replayed", "true");
            return stored(response, replayed);
        }
    }

    /** The key was seen with a different request: a client bug, refused without running anything. */
    record KeyReusedForAnotherRequest() implements IdempotencyReply {
        @Override
        public ResponseEntity<?> toHttpResponse() {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "This Idempotency-Key was already used with a different request.");
            problem.setTitle("Idempotency-Key reused");
            problem.setProperty("reason", "IDEMPOTENCY_KEY_REUSED");
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }

    private static ResponseEntity<String> stored(StoredResponse response, HttpHeaders extra) {
        var headers = new HttpHeaders();
        response.headers().forEach(headers::add);
        headers.addAll(extra);
        return ResponseEntity.status(response.status()).headers(headers).body(response.body());
    }
}
