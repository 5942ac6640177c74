package io.emporium.bench.load;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One HTTP request the generator sends: a path on the target, with its headers and body. */
public record Request(String method, String path, Map<String, String> headers, @Nullable String body) {

    public Request {
        headers = Map.copyOf(headers);
    }

    public static Request get(String path) {
        return new Request("GET", path, Map.of(), null);
    }
}
