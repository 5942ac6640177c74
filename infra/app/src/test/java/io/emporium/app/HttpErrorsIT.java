package io.emporium.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Whatever a client gets wrong, even before any endpoint is chosen, the answer is a 4xx problem+json. */
@EngineIT
class HttpErrorsIT {

    @Autowired WebTestClient http;

    @Test
    void anUnknownPathIsANotFoundProblem() {
        new EmporiumClient(http).get("/no-such-resource").expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.instance").isEqualTo("/no-such-resource");
    }

    @Test
    void aMethodTheResourceDoesNotOfferIsAMethodNotAllowedProblem() {
        new EmporiumClient(http).delete("/orders").expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Allow");
    }

    @Test
    void aBodyInAnUnsupportedMediaTypeIsAnUnsupportedMediaTypeProblem() {
        new EmporiumClient(http).post("/orders", MediaType.TEXT_PLAIN, "two mugs please")
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
