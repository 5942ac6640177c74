package io.emporium.bench.load;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What came back: the status and the response headers, looked up by name in any case; the body is read and dropped.
 *
 * <p>The headers are the decoder's own, kept as they came rather than copied into a map of lower-cased names: one
 * step in the storefront's mix reads one header. The copy's cost did not show beyond noise (the generator's CPU per
 * product page 14.1 us with and without it in the closed loop; issue 4's session note of 2026-12-08, fifty-fifth).
 */
public record Reply(int status, HttpHeaders headers) {

    /** A reply with these headers, as a test or a stand-in exchange makes one up. */
    public Reply(int status, Map<String, String> headers) {
        this(status, copy(headers));
    }

    public @Nullable String header(String name) {
        return headers.get(name);
    }

    private static HttpHeaders copy(Map<String, String> headers) {
        var copy = new DefaultHttpHeaders();
        headers.forEach(copy::add);
        return copy;
    }
}
