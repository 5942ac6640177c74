package io.emporium.audit.chain;

import org.jspecify.annotations.Nullable;

/**
 * What a verification reads, in this order: the range, the heads recorded in it, its links in chain order each with
 * the row it names, then the rows of the range that have no link. The same records come from the database and from
 * an export file.
 */
public sealed interface ChainRecord {

    /**
     * @param previousHash   the hash of the link before the first one checked, or {@link HashChain#GENESIS}
     * @param settledThrough rows at or below this position can no longer be late commits: one without a link was
     *                       put there behind the chain's back
     */
    record Range(long from, long to, String previousHash, long settledThrough) implements ChainRecord {}

    /** A chain head as recorded at the time, to compare with what the link table says now. */
    record Head(long link, long position, String hash, String recordedAt) implements ChainRecord {}

    /** @param row the row the link names, or null when that row is gone */
    record Link(long link, long position, String hash, String linkedAt, @Nullable EventRow row)
            implements ChainRecord {}

    record Unlinked(EventRow row) implements ChainRecord {}
}
