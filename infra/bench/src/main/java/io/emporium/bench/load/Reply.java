package io.emporium.bench.load;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What came back: the status and the response headers (names in lower case); the body is read and dropped. */
public record Reply(int status, Map<String, String> headers) {

    public Reply {
        headers = Map.copyOf(headers);
    }

    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
