package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.servers.EmbeddedServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The PSP simulator as tests drive it: faults to inject, none left for the next test, and its ledger. */
final class PspSimulator {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI psp = EmbeddedServers.get().pspSimulatorUri();

    /** @param rules the simulator's fault rules, as JSON ({@code {"rules": [...]}}) */
    void addFaults(String rules) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(psp.resolve("/v1/faults"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(rules))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    void clearFaults() throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(psp.resolve("/v1/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Tokenizes a card as the PSP's script does in a storefront's browser, without the engine.
     *
     * @return the PSP's answer: {@code {"token": "tok_…", "brand": …, "last4": …}}
     */
    String tokenize(String cardNumber) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(psp.resolve("/v1/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"number": "%s", "expMonth": 12, "expYear": 2030, "cvc": "123"}""".formatted(cardNumber)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    /** The ledger of every charge operation, as the simulator's JSON. */
    String ledger() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(psp.resolve("/v1/ledger")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
