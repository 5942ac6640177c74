package io.emporium.command.payment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * {@link PspApi} over the JDK's HTTP client, blocking, with a bounded wait for every request. Request bodies carry
 * card numbers on their way to be tokenized, so none is ever logged or put in a reply's problem.
 */
final class PspHttpClient implements PspApi {

    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    PspHttpClient(URI base, Duration connectTimeout, Duration requestTimeout) {
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public PspReply post(String path, @Nullable String idempotencyKey, JsonNode body) {
        var request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    @Override
    public PspReply get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout).header("Accept", "application/json");
    }

    private PspReply send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            var bytes = response.body();
            JsonNode body = bytes.length == 0 ? MissingNode.getInstance() : json.readTree(bytes);
            return new PspReply.Answered(response.statusCode(), body);
        } catch (HttpTimeoutException e) {
            return new PspReply.Unanswered("no answer within " + requestTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return new PspReply.Unanswered(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (JacksonException e) {
            return new PspReply.Unanswered("an answer that is not JSON");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PspReply.Unanswered("interrupted while waiting");
        }
    }
}
