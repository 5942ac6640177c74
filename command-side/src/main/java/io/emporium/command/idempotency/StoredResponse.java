package io.emporium.command.idempotency;

import java.util.Map;

/** The response a request got the first time, kept to be given again to every retry with the same key. */
public record StoredResponse(int status, Map<String, String> headers, String body) {

    public StoredResponse {
        headers = Map.copyOf(headers);
    }
}
