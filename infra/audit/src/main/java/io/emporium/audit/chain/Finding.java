package io.emporium.audit.chain;

/** Something the chain says did not happen to the event table, at a global position. */
public record Finding(long position, Kind kind, String detail) {

    public enum Kind {
        /** The row's content no longer hashes to its link. */
        ALTERED,
        /** A link names a row that is gone. */
        DELETED,
        /** A row sits where no late commit can be any more, and no link vouches for it. */
        INSERTED,
        /** The links themselves were changed: a recorded head or the link numbering disagrees with them. */
        CHAIN_REWRITTEN
    }
}
