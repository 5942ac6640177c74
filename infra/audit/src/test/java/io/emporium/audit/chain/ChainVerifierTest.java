package io.emporium.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.audit.chain.ChainRecord.Head;
import io.emporium.audit.chain.ChainRecord.Link;
import io.emporium.audit.chain.ChainRecord.Range;
import io.emporium.audit.chain.ChainRecord.Unlinked;
import io.emporium.audit.chain.Finding.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static EventRow row(long position, String payload) {
        return new EventRow(position, "event-" + position, "order-1", position - 1, "Order",
                "2026-01-01T00:00:0" + position + "Z", "io.emporium.contracts.order.OrderEvent$OrderShipped", null,
                payload.getBytes(StandardCharsets.UTF_8), "{\"traceId\":\"t\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** Links rows 1, 2, 4 (3 rolled back) in the order given, as the chain builder would. */
    private static List<Link> chain(List<EventRow> rows) {
        var links = new ArrayList<Link>();
        var previous = HashChain.GENESIS;
        var number = 1L;
        for (var row : rows) {
            previous = HashChain.link(previous, row);
            links.add(new Link(number++, row.position(), HashChain.hex(previous), "now", row));
        }
        return links;
    }

    private static Verdict verify(List<Link> links, List<ChainRecord> extra) {
        var verifier = new ChainVerifier().accept(new Range(1, 10, HashChain.hex(HashChain.GENESIS), 10));
        extra.stream().filter(Head.class::isInstance).forEach(verifier::accept);
        links.forEach(verifier::accept);
        extra.stream().filter(Unlinked.class::isInstance).forEach(verifier::accept);
        return verifier.verdict();
    }

    private static Link withRow(Link link, @Nullable EventRow row) {
        return new Link(link.link(), link.position(), link.hash(), link.linkedAt(), row);
    }

    @Test
    void aLinkCoversThePreviousLinkSoTheSameRowAfterADifferentHistoryHashesDifferently() {
        var row = row(2, "{}");
        assertThat(HashChain.link(HashChain.GENESIS, row))
                .isEqualTo(HashChain.link(HashChain.GENESIS, row(2, "{}")))
                .isNotEqualTo(HashChain.link(HashChain.link(HashChain.GENESIS, row(1, "{}")), row));
    }

    @Test
    void bytesMovedFromOneColumnToTheNextChangeTheHash() {
        var original = new EventRow(1, "ab", "c", 0, null, "t", "p", null, new byte[0], null);
        var shifted = new EventRow(1, "a", "bc", 0, null, "t", "p", null, new byte[0], null);
        assertThat(HashChain.link(HashChain.GENESIS, original)).isNotEqualTo(HashChain.link(HashChain.GENESIS, shifted));
    }

    @Test
    void anUntouchedChainWithAPermanentGapAndALateCommitIsOk() {
        var links = chain(List.of(row(1, "{}"), row(2, "{}"), row(5, "{}"), row(4, "{}")));

        var verdict = verify(links, List.of(new Head(4, 4, links.get(3).hash(), "then")));

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.linksChecked()).isEqualTo(4);
        assertThat(verdict.firstProblem()).isNull();
    }

    @Test
    void anAlteredPayloadIsNamedAtItsPositionAndNowhereElse() {
        var links = new ArrayList<>(chain(List.of(row(1, "{}"), row(2, "{}"), row(3, "{}"))));
        links.set(1, withRow(links.get(1), row(2, "{\"forged\":true}")));

        var verdict = verify(links, List.of());

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.problems()).isEqualTo(1);
        assertThat(verdict.firstProblem()).extracting(Finding::position, Finding::kind).containsExactly(2L, Kind.ALTERED);
    }

    @Test
    void aDeletedRowIsNamedByTheLinkThatStillVouchesForIt() {
        var links = new ArrayList<>(chain(List.of(row(1, "{}"), row(2, "{}"), row(3, "{}"))));
        links.set(2, withRow(links.get(2), null));

        assertThat(verify(links, List.of()).firstProblem())
                .extracting(Finding::position, Finding::kind).containsExactly(3L, Kind.DELETED);
    }

    @Test
    void aRowInASettledGapWithoutALinkIsAnInsertion() {
        var links = chain(List.of(row(1, "{}"), row(2, "{}"), row(4, "{}")));

        var verdict = verify(links, List.of(new Unlinked(row(3, "{}"))));

        assertThat(verdict.firstProblem()).extracting(Finding::position, Finding::kind)
                .containsExactly(3L, Kind.INSERTED);
    }

    @Test
    void aRowAboveTheSettledPositionMayStillBeALateCommitAndIsNoFinding() {
        var verifier = new ChainVerifier().accept(new Range(1, 10, HashChain.hex(HashChain.GENESIS), 2));
        chain(List.of(row(1, "{}"), row(2, "{}"))).forEach(verifier::accept);

        verifier.accept(new Unlinked(row(3, "{}")));

        assertThat(verifier.verdict().ok()).isTrue();
    }

    @Test
    void linksRehashedAfterAnAlterationStillDisagreeWithTheRecordedHead() {
        var honest = chain(List.of(row(1, "{}"), row(2, "{}"), row(3, "{}")));
        var rewritten = chain(List.of(row(1, "{}"), row(2, "{\"forged\":true}"), row(3, "{}")));

        var verdict = verify(rewritten, List.of(new Head(3, 3, honest.get(2).hash(), "yesterday")));

        assertThat(verdict.firstProblem()).extracting(Finding::position, Finding::kind)
                .containsExactly(3L, Kind.CHAIN_REWRITTEN);
    }

    @Test
    void everyRecordSurvivesTheExportFileUnchanged() {
        var link = chain(List.of(row(1, "{\"a\":\"ü\"}"))).getFirst();
        List<ChainRecord> records = List.of(new Range(1, 2, "00", 1), new Head(1, 1, "ab", "then"), link,
                withRow(link, null), new Unlinked(new EventRow(3, "e", "a", 0, null, "t", "p", null, new byte[]{1},
                        null)));

        assertThat(records.stream().map(ExportFormat::line).map(ExportFormat::read).toList())
                .isEqualTo(records);
    }
}
