package io.emporium.command.idempotency;

/**
 * Where an aggregate's last event landed: its version (the aggregate's sequence number, sent as the ETag) and its
 * global position in the event store (sent so a later query can wait until the read model has caught up with it).
 */
public record WrittenPosition(long version, long position) {

    public static final String POSITION_HEADER = "Emporium-Position";

    public String etag() {
        return "\"" + version + "\"";
    }
}
