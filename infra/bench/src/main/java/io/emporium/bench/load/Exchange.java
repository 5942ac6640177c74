package io.emporium.bench.load;

import java.util.concurrent.CompletableFuture;

/** Sends a request without blocking the caller; completes when the whole response has arrived, or fails. */
@FunctionalInterface
public interface Exchange {

    CompletableFuture<Reply> send(Request request);
}
