package io.emporium.command.payment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a test does to the PSP simulator besides paying: set and clear faults, read the ledger. */
final class PspSimulatorAdmin {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI psp;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    PspSimulatorAdmin(URI psp) {
        this.psp = psp;
    }

    /** Adds fault rules, each a JSON object as {@code POST /v1/faults} takes them. */
    void inject(String... rules) {
        var response = send("POST", "/v1/faults", "{\"rules\": [" + String.join(",", rules) + "]}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("faults refused: " + response.body());
        }
    }

    void clearFaults() {
        send("DELETE", "/v1/faults", null);
    }

    /** The rules in force, each with how many calls it matched and how often it fired. */
    List<JsonNode> faults() {
        return JSON.readTree(send("GET", "/v1/faults", null).body()).get("rules").valueStream().toList();
    }

    /** Every money movement made under this idempotency key. */
    List<JsonNode> ledger(String idempotencyKey) {
        return JSON.readTree(send("GET", "/v1/ledger", null).body()).get("entries").valueStream()
                .filter(entry -> entry.get("idempotencyKey").asString().equals(idempotencyKey)).toList();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        var request = HttpRequest.newBuilder(psp.resolve(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the PSP simulator did not answer " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
