package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.OffloadServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line form against a server started independently, as a user would point it at theirs. */
class CommandLineTest {

    @Test
    void targetByUrlWritesAMatrixWithThatColumn() throws Exception {
        OffloadServer server = BundledServers.discover().get(0);
        Path out = Path.of("target", "cli-test");
        try (OffloadServer.RunningServer running = server.start(BundledServers.fastConfig())) {
            int exit = Main.run(new String[] {"--target=http://127.0.0.1:" + running.port(), "--name=by-url",
                    "--out=" + out, "--only=HTTP-1,TIMEOUT-2,DRAIN-1", "--slowDeadline=300ms"});
            assertEquals(0, exit, "exit code: 0 means every REQUIRED check that ran passed");
        }
        JsonNode matrix = Probe.MAPPER.readTree(out.resolve("matrix.json").toFile());
        assertEquals("by-url", matrix.path("servers").get(0).path("name").asText());
        for (JsonNode row : matrix.path("behaviours")) {
            JsonNode cell = row.path("results").path("by-url");
            switch (row.path("id").asText()) {
                case "HTTP-1", "TIMEOUT-2" -> assertEquals("PASS", cell.path("verdict").asText(), row.toString());
                case "DRAIN-1" -> assertEquals("SKIPPED", cell.path("verdict").asText(), "no --launch given");
                default -> assertTrue(cell.isMissingNode(), row.path("id") + " was not selected");
            }
        }
        assertTrue(Files.readString(out.resolve("matrix.md")).contains("| HTTP-1 | REQUIRED |"));
        assertTrue(Files.readString(out.resolve("matrix.html")).contains("<th>by-url</th>"));
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertEquals(2, Main.run(new String[] {}));
        assertEquals(2, Main.run(new String[] {"--target=http://127.0.0.1:9", "--only=NOPE-1"}));
        assertEquals(2, Main.run(new String[] {"--target=http://127.0.0.1:9", "--slowDeadlin=3s"}));
    }
}
