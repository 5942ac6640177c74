package io.emporium.query.freshness;

/**
 * A read asked for the effect of a write (a global position) that the read model has not applied within the bounded
 * wait; answered as a 503 problem with Retry-After, never with older data.
 */
public class NotYetVisibleException extends RuntimeException {

    private final long position;

    public NotYetVisibleException(long position, String message) {
        super(message);
        this.position = position;
    }

    public long position() {
        return position;
    }
}
