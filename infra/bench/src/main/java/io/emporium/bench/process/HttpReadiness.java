package io.emporium.bench.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waits until a child answers 200 on a URL, and fails early if the child ends first. */
public final class HttpReadiness {

    private static final Duration POLL = Duration.ofMillis(250);

    private HttpReadiness() {
    }

    public static void await(GuardedProcess process, URI url, Duration timeout) {
        var request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build();
        var deadline = System.nanoTime() + timeout.toNanos();
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (true) {
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // Not listening yet.
                }
                if (process.endsWithin(POLL)) {
                    throw process.failure("ended while starting");
                }
                if (System.nanoTime() > deadline) {
                    process.stop();
                    throw process.failure("was not ready within " + timeout.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.stop();
            throw new IllegalStateException("interrupted while waiting for " + url, e);
        }
    }
}
