package io.emporium.projections;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread, its failure rethrown as it was thrown there. */
public final class Futures {

    private Futures() {
    }

    /**
     * The work's result; its runtime exception as thrown, any other cause wrapped.
     *
     * @param doing what the waiting thread does, for the message when it is interrupted
     */
    public static <T> T await(Future<T> work, String doing) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        }
    }
}
