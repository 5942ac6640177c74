package io.emporium.bench.load;

import org.jspecify.annotations.Nullable;

/**
 * What one user of a {@link SessionLoop} does: its requests one after the other, each chosen knowing the answers
 * to the previous ones (a cart is filled after it was created, and read at the position its last change returned).
 * A session is used by one user only, one request at a time, so it needs no synchronisation of its own.
 */
public interface Session {

    Call next();

    /** @param reply the answer to {@code call}, or null if none came (the connection failed) */
    void answered(Call call, @Nullable Reply reply);
}
