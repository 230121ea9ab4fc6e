package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.OffloadServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * A launch command whose server refuses to start (an unknown setting) still yields a matrix: every cell ERROR
     * with the reason and the server's own words, exit code 3, and no stack trace of the TCK's.
     */
    @Test
    void aServerThatDoesNotStartStillYieldsAMatrix() throws Exception {
        OffloadServer server = BundledServers.discover().get(0);
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Path out = Path.of("target", "cli-not-started");
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        int exit;
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run(new String[] {"--launch=\"" + javaBin + "\" -cp \"" + System.getProperty("java.class.path")
                    + "\" " + server.mainClass() + " --port={port} --noSuchSetting=1", "--out=" + out,
                    "--only=HTTP-1,DRAIN-1,LIMIT-1"});
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertEquals(3, exit, "exit code 3: the server did not start");
        assertTrue(!printed.contains("\tat ") && !printed.contains("Exception in thread"), printed);
        JsonNode matrix = Probe.MAPPER.readTree(out.resolve("matrix.json").toFile());
        int cells = 0;
        for (JsonNode row : matrix.path("behaviours")) {
            JsonNode cell = row.path("results").path("launched");
            if (!cell.isMissingNode()) {
                cells++;
                assertEquals("ERROR", cell.path("verdict").asText(), row.toString());
                String figure = cell.path("figure").asText();
                assertTrue(figure.contains("did not start") && figure.contains("noSuchSetting"),
                        "names the reason and quotes the server's output: " + figure);
            }
        }
        assertEquals(3, cells);
    }

    @Test
    void helpIsGeneratedFromTheOptions() {
        String help = Main.usage();
        for (String option : List.of("--target", "--launch", "--only", "--scale", "--merge", "--debug", "--help",
                "Exit codes")) {
            assertTrue(help.contains(option), option + " missing from --help:\n" + help);
        }
        assertEquals(0, Main.run(new String[] {"--help"}));
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertEquals(2, Main.run(new String[] {}));
        assertEquals(2, Main.run(new String[] {"--target=http://127.0.0.1:9", "--only=NOPE-1"}));
        assertEquals(2, Main.run(new String[] {"--target=http://127.0.0.1:9", "--slowDeadlin=3s"}));
    }
}
