package io.emporium.audit.chain;

import io.emporium.audit.chain.ChainRecord.Head;
import io.emporium.audit.chain.ChainRecord.Link;
import io.emporium.audit.chain.ChainRecord.Range;
import io.emporium.audit.chain.ChainRecord.Unlinked;
import io.emporium.audit.chain.Finding.Kind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Recomputes a stretch of the chain from the records of {@link ChainRecord}, in their order, and keeps the finding
 * at the lowest position. Each link is recomputed from the stored hash of the link before it, so one altered row
 * shows as one finding at its own position, not as every link after it.
 */
public final class ChainVerifier {

    private @Nullable Range range;
    private final Map<Long, Head> heads = new HashMap<>();
    private byte[] previous = HashChain.GENESIS;
    private long lastLink = -1;
    private long linksChecked;
    private long problems;
    private @Nullable Finding first;

    public ChainVerifier accept(ChainRecord record) {
        switch (record) {
            case Range given -> {
                range = given;
                previous = HashChain.fromHex(given.previousHash());
            }
            case Head head -> heads.put(head.link(), head);
            case Link link -> check(link);
            case Unlinked unlinked -> {
                if (unlinked.row().position() <= range().settledThrough()) {
                    found(new Finding(unlinked.row().position(), Kind.INSERTED,
                            "row of " + unlinked.row().aggregateIdentifier() + " #"
                                    + unlinked.row().sequenceNumber() + " has no link"));
                }
            }
        }
        return this;
    }

    public Verdict verdict() {
        var checked = range();
        return new Verdict(problems == 0, checked.from(), checked.to(), linksChecked, checked.settledThrough(),
                first, problems);
    }

    private void check(Link link) {
        linksChecked++;
        var stored = HashChain.fromHex(link.hash());
        if (lastLink >= 0 && link.link() != lastLink + 1) {
            found(new Finding(link.position(), Kind.CHAIN_REWRITTEN,
                    "link " + link.link() + " follows link " + lastLink));
        }
        var row = link.row();
        if (row == null) {
            found(new Finding(link.position(), Kind.DELETED, "link " + link.link() + " names a row that is gone"));
        } else if (row.position() != link.position()
                || !Arrays.equals(HashChain.link(previous, row), stored)) {
            found(new Finding(link.position(), Kind.ALTERED,
                    "row of " + row.aggregateIdentifier() + " #" + row.sequenceNumber()
                            + " does not hash to link " + link.link()));
        }
        var head = heads.get(link.link());
        if (head != null && !head.hash().equalsIgnoreCase(link.hash())) {
            found(new Finding(link.position(), Kind.CHAIN_REWRITTEN,
                    "link " + link.link() + " differs from the head recorded at " + head.recordedAt()));
        }
        previous = stored;
        lastLink = link.link();
    }

    private void found(Finding finding) {
        problems++;
        if (first == null || finding.position() < first.position()) {
            first = finding;
        }
    }

    private Range range() {
        if (range == null) {
            throw new IllegalStateException("a verification starts with its range");
        }
        return range;
    }
}
