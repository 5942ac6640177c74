package io.emporium.audit.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.audit.chain.ChainRecord.Link;
import io.emporium.audit.chain.ChainRecord.Range;
import io.emporium.audit.chain.EventRow;
import io.emporium.audit.chain.ExportFormat;
import io.emporium.audit.chain.HashChain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyExportTest {

    @TempDir Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Path export(byte[] storedPayload) throws IOException {
        var row = new EventRow(7, "e-7", "order-1", 0, "Order", "2026-01-01T00:00:00Z", "OrderPlaced", null,
                "{}".getBytes(StandardCharsets.UTF_8), null);
        var hash = HashChain.hex(HashChain.link(HashChain.GENESIS, row));
        var stored = new EventRow(7, "e-7", "order-1", 0, "Order", "2026-01-01T00:00:00Z", "OrderPlaced", null,
                storedPayload, null);
        var file = directory.resolve("export.ndjson");
        Files.write(file, List.of(ExportFormat.line(new Range(0, 10, HashChain.hex(HashChain.GENESIS), 10)),
                ExportFormat.line(new Link(1, 7, hash, "now", stored))));
        return file;
    }

    private int verify(Path file) {
        return VerifyExport.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void anUntouchedExportIsOkWithExitCodeZero() throws IOException {
        assertThat(verify(export("{}".getBytes(StandardCharsets.UTF_8)))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: 1 links verified");
    }

    @Test
    void anExportOfAnAlteredRowNamesItsPositionWithExitCodeOne() throws IOException {
        assertThat(verify(export("{\"x\":1}".getBytes(StandardCharsets.UTF_8)))).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("TAMPERED at position 7: ALTERED");
    }

    @Test
    void aFileThatIsNoExportIsAnErrorWithExitCodeTwo() throws IOException {
        var file = Files.writeString(directory.resolve("other.txt"), "{\"hello\": 1}\n");
        assertThat(verify(file)).isEqualTo(2);
    }
}
