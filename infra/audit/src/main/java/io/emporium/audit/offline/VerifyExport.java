package io.emporium.audit.offline;

import io.emporium.audit.chain.ChainVerifier;
import io.emporium.audit.chain.ExportFormat;
import io.emporium.audit.chain.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./emporium audit verify <file>}: checks an export of {@code GET /audit/export} line by line and prints OK or
 * the first position where a row was altered, inserted or deleted. Exit code 0 for OK, 1 for a finding, 2 when the
 * file cannot be read as an export.
 */
public final class VerifyExport {

    private VerifyExport() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: ./emporium audit verify <export file from GET /audit/export>");
            return 2;
        }
        Verdict verdict;
        try {
            verdict = verify(Path.of(args[0]));
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("cannot verify " + args[0] + ": " + e);
            return 2;
        }
        out.println(describe(verdict));
        return verdict.ok() ? 0 : 1;
    }

    static Verdict verify(Path export) throws IOException {
        var verifier = new ChainVerifier();
        try (var lines = Files.lines(export, StandardCharsets.UTF_8)) {
            lines.filter(line -> !line.isBlank()).map(ExportFormat::read).forEachOrdered(verifier::accept);
        }
        return verifier.verdict();
    }

    static String describe(Verdict verdict) {
        var first = verdict.firstProblem();
        if (first == null) {
            return "OK: %d links verified, positions %d to %d (rows settled through %d)"
                    .formatted(verdict.linksChecked(), verdict.from(), verdict.to(), verdict.settledThrough());
        }
        return "TAMPERED at position %d: %s (%s); %d finding(s) in all"
                .formatted(first.position(), first.kind(), first.detail(), verdict.problems());
    }
}
