package dev.offload.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the scorecard from small fixture inputs shaped like the real ones (src/test/resources/scorecard) and checks
 * that the numbers of the inputs reach both files, and that a missing, stale or crashed phase reads FAILED.
 */
class ScorecardTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path root;

    private Path matrix;
    private Path results;
    private Path jmh;

    @BeforeEach
    void copyFixtures() throws IOException {
        matrix = fixture("matrix.json", "conformance-tests/target/conformance/matrix.json");
        results = fixture("results.json", "load-tests/target/load/results.json");
        jmh = fixture("quick.json", "benchmarks/target/jmh/quick.json");
    }

    @Test
    void verdictCountsRequiredAndRecommendedPerServer() throws IOException {
        String md = render();
        assertContains(md, "| Helidon | 27/27 | **3/4** | 7/7 WIRE REQUIRED | 7/7 |");
        assertContains(md, "| Jetty | **26/27** | 4/4 | 7/7 WIRE REQUIRED | **6/7** |");
    }

    @Test
    void biggestDifferencesComeFromTheDataRankedByWeight() throws IOException {
        String md = render();
        String verdict = md.substring(md.indexOf("### Biggest differences"), md.indexOf("### Phases"));
        // A REQUIRED verdict that differs ranks first, then a load run failed on one side, then RECOMMENDED.
        assertContains(verdict, "1. DRAIN-3 (REQUIRED");
        assertContains(verdict, "Helidon PASS — ok; Jetty FAIL — task 17 still RUNNING 1 s after drainTimeout");
        assertContains(verdict, "2. COPY load run: Helidon completed every repetition; Jetty: 1 of 2 rep(s) FAILED");
        assertContains(verdict, "3. CANCEL-4 (RECOMMENDED");
        assertFalse(verdict.contains("4. "), "three differences, not more");
    }

    @Test
    void loadTablesCarryTheMeasuredFiguresWithTheirSpread() throws IOException {
        String md = render();
        // BG on Jetty: p50 2 × 2.0 over reps ×1.0 and ×1.1 → median 4.2, half-range 5 %.
        assertContains(md, "| BG | Jetty | 500 | 499 | 10,000 | 4.20 ±5% | 6.30 ±5% | 12.6 ±5% | 42 ±5% "
                + "| 200: 100 % | 0 |");
        // A failed repetition is named; the other repetition's figures are still shown.
        assertContains(md, "| COPY | Jetty | 1,000 | 998 | 10,000 | 1 | 2 | 4 | 15 | 200: 100 % | "
                + "**0 · 1 of 2 rep(s) FAILED: unexpected status 500 in 3 responses** |");
        // CPU, RSS (bytes → MB), ratio to PLAINTEXT, host CPU.
        assertContains(md, "| BG | Jetty | 101 ±5% | 400 | 40 | 4.00× | 4.80× | 35 | 2 |");
        // Helidon/Jetty: BG is the one scenario where Jetty costs twice as much.
        assertContains(md, "| BG | 0.50× | 0.50× | 0.50× | 0.50× |");
        assertContains(md, "| PLAINTEXT | 1.00× | 1.00× | 1.00× | 1.00× |");
    }

    @Test
    void behaviourFiguresUnderLoad() throws IOException {
        String md = render();
        assertContains(md, "| POOL 503 share of measured requests | 90 % | 90 % |");
        assertContains(md, "| POOL 503 p99 ms | 3 | 3 |");
        assertContains(md, "| POOL accepted (202) / lost jobs | 300 / 0 | 300 / 0 |");
        assertContains(md, "| TIMEOUT 408 overshoot past the deadline, p99 ms | 4.20 ±5% (deadline 300 ms) |");
        assertContains(md, "| FAN p99 minus the slower child, ms | 20.8 ±28% (p99 121 ±5% − slower child 100) |");
        assertContains(md, "| DRAIN accepted / completed / abandoned | 1,000 / 1,000 / 0 | 1,000 / 1,000 / 0 |");
    }

    @Test
    void nearCeilingFiguresAreFlagged() throws IOException {
        String md = render();
        assertContains(md, "> **Warning:** near the injector's calibrated ceiling (5,000 req/s)");
        assertContains(md, "| PLAINTEXT | Helidon | **2,000 ⚠** |");
        assertContains(md, "| COPY | Helidon | 1,000 |");
        assertContains(md, "| 2,500 | 12,500 | 0 | 3 | yes |");
    }

    @Test
    void realOutputsOfAllThreePhasesRender() throws IOException {
        // results-real.json: a real load quick run on this 2-core machine while other builds ran (its calibration
        // found no clean step, so every rate is flagged); matrix and JMH are real outputs too.
        Files.copy(ScorecardTest.class.getResourceAsStream("/scorecard/results-real.json"), results,
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(ScorecardTest.class.getResourceAsStream("/scorecard/matrix-helidon-only.json"), matrix,
                StandardCopyOption.REPLACE_EXISTING);
        String md = render();
        assertContains(md, "| POOL accepted (202) / lost jobs | 838 / 0 | 840 / 0 |");
        assertContains(md, "| DRAIN accepted / completed / abandoned | 492 / 492 / 0 | 474 / 474 / 0 |");
        assertContains(md, "| FAN p99 minus the slower child, ms | 26 (p99 176 − slower child 150) |");
        assertContains(md, "| PLAINTEXT | Helidon | **1,000 ⚠** | 1,000 | 10,000 | 0 | 8 | 58 | 210 | 200: 100 % "
                + "| 0 |");
        // p50 of 0 ms (below Gatling's resolution) gives no ratio rather than 0.00×.
        assertContains(md, "| PLAINTEXT | n/a | 0.49× | 0.78× | 0.55× |");
        assertContains(md, "the injector's calibration found no clean step (lowest: 1,000 req/s with p99 159 ms)");
        assertContains(md, "| GC (servers) | -XX:+UseG1GC |");
    }

    @Test
    void aCalibrationWithoutACleanStepSaysSo() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(results.toFile());
        ObjectNode calibration = (ObjectNode) doc.get("calibration");
        calibration.putNull("ceilingRps");
        ((ObjectNode) calibration.withArray("steps").get(0)).put("clean", false);
        json.writeValue(results.toFile(), doc);
        String md = render();
        assertContains(md, "> **Warning:** the injector's calibration found no clean step (lowest: 2,500 req/s with "
                + "p99 3 ms)");
        assertContains(md, "Injector calibration ceiling: none (no clean step)");
        assertContains(md, "| 2,500 | 12,500 | 0 | 3 | **no** |");
    }

    @Test
    void jmhTableShowsScoreErrorAndUnits() throws IOException {
        String md = render();
        // The fixture is a real quick run (2 iterations): JMH writes "NaN" as the error, so the range is shown.
        assertContains(md, "| JobPoolBenchmark.accept_1producer | — | thrpt | 1 | 134 (range 101–167) | ops/ms "
                + "| — | 399 |");
        assertContains(md, "| CopyBeforeSpawnBenchmark.handOverReference | bodyBytes=256 | avgt | 1 | "
                + "1.91 (range 1.67–2.15) | ns/op | — | ≈0 |");
        // SampleTime has enough samples for JMH's own error, and a p99.
        assertContains(md, "| DeadlineBenchmark.inTime_bareVirtualThread | — | sample | 1 | 35.9 ± 10.9 | us/op "
                + "| 62.2 | 474 |");
        assertContains(md, "[../../benchmarks/target/jmh/quick.json](../../benchmarks/target/jmh/quick.json)");
    }

    @Test
    void environmentListsVersionsCeilingAndServerFlags() throws IOException {
        String md = render();
        assertContains(md, "| Helidon version | 4.5.0 |");
        assertContains(md, "| JMH version | 1.37 |");
        assertContains(md, "| injector calibration ceiling | 5,000 req/s");
        assertContains(md, "| load: serverJvmFlags | -Xms256m -Xmx256m -XX:+UseG1GC |");
        assertContains(md, "| GC (servers) | -XX:+UseG1GC |");
        assertContains(md, "| JMH JDK | 25.0.3 (25.0.3+9-LTS) |");
    }

    @Test
    void htmlIsSelfContainedWithEveryChartEmbedded() throws IOException {
        render();
        String html = Files.readString(root.resolve("target/scorecard/index.html"));
        assertFalse(html.contains("src=\"http"), "no remote image");
        assertFalse(html.contains("<link"), "no external stylesheet");
        assertFalse(html.contains("<script"), "no script");
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(1))));
            assertTrue(image != null && image.getWidth() >= 400, "chart " + count + " decodes as a PNG");
            count++;
        }
        assertEquals(7 + 2, count, "one latency chart per scenario, CPU and RSS");
        assertTrue(Files.isRegularFile(root.resolve("target/scorecard/charts/cpu-per-request.png")));
        assertContains(html, "<td class=\"num\">4.20 ±5%</td>");
        assertContains(html, "<span class=\"FAIL\">FAIL — task 17 still RUNNING 1 s after drainTimeout</span>");
        // Links are relative to the page, so the report works from disk and from a copied tree.
        assertContains(html, "href=\"../../load-tests/target/load/gatling/bg-jetty-r2/x-123/index.html\"");
    }

    @Test
    void missingInputsRenderAsFailedNotOmitted() throws IOException {
        Files.delete(matrix);
        Files.delete(results);
        Files.delete(jmh);
        String md = render();
        assertContains(md, "> **FAILED:** Conformance (TCK) phase: no matrix.json at ");
        assertContains(md, "> **FAILED:** Load (Hyperfoil + Gatling) phase: no results.json at ");
        assertContains(md, "> **FAILED:** Microbenchmarks (JMH) phase: no quick.json at ");
        assertContains(md, "| Conformance (TCK) | **FAILED** |");
        assertContains(md, "no charts: the load phase failed");
        // Every section heading is still there, each saying why it is empty.
        for (String section : new String[] {"## Capacity per core at the SLA", "## Cost at equal rates",
                "## Cost growth over a soak", "## Conformance matrix", "## Behaviour under load (Gatling)",
                "## Behaviour charts", "## JMH microbenchmarks", "## Environment"}) {
            assertContains(md, section);
        }
        String html = Files.readString(root.resolve("target/scorecard/index.html"));
        assertContains(html, "<p class=\"FAIL\"><b>FAILED:</b> JMH phase: no quick.json at ");
    }

    @Test
    void aStaleInputFromAnEarlierBuildIsFailed() throws IOException {
        Files.setLastModifiedTime(jmh, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        String md = render("--build-start=20240101-1200");
        assertContains(md, "> **FAILED:** Microbenchmarks (JMH) phase: STALE: quick.json was written at "
                + "2020-01-01T00:00:00Z, before this build started (2024-01-01T12:00:00Z)");
        assertFalse(md.contains("JobPoolBenchmark"), "stale numbers are not shown as this run's");
        assertContains(md, "| Load (Hyperfoil + Gatling) | OK |");
    }

    @Test
    void aCrashedLoadOrchestratorIsFailedButItsFinishedRunsStay() throws IOException {
        Files.writeString(results, Files.readString(results)
                .replace("\"error\": null", "\"error\": \"helidon did not start within 30 s\""));
        String md = render();
        assertContains(md, "> **FAILED:** Load (Hyperfoil + Gatling) phase: the load orchestrator stopped: helidon did not "
                + "start within 30 s");
        assertContains(md, "| Load (Hyperfoil + Gatling) | **FAILED (partial results shown)** |");
        assertContains(md, "| BG | Jetty | 500 | 499 |");
    }

    @Test
    void aLoadRunKilledMidwayIsFailedAndItsUnfinishedRunNamed() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(results.toFile());
        doc.put("status", "RUNNING");
        for (JsonNode run : doc.withArray("runs")) {
            if (run.path("scenario").asText().equals("DRAIN") && run.path("server").asText().equals("jetty")) {
                ((ObjectNode) run).put("status", "RUNNING");
            }
        }
        json.writeValue(results.toFile(), doc);
        String md = render();
        assertContains(md, "> **FAILED:** Load (Hyperfoil + Gatling) phase: results.json still says RUNNING");
        assertContains(md, "| DRAIN | Jetty | **FAILED: 2 of 2 rep(s) FAILED: run RUNNING (did not finish)** |");
    }

    @Test
    void anUnreadableInputIsFailed() throws IOException {
        Files.writeString(matrix, "{\"servers\": [");
        String md = render();
        assertContains(md, "> **FAILED:** Conformance (TCK) phase: unreadable matrix.json");
        assertContains(md, "| Helidon | **FAILED (no matrix)** |");
    }

    @Test
    void aServerMissingFromTheRealMatrixIsFailedNotPassed() throws IOException {
        // A real matrix.json from the TCK, taken while only Helidon was wired in.
        Files.copy(ScorecardTest.class.getResourceAsStream("/scorecard/matrix-helidon-only.json"), matrix,
                StandardCopyOption.REPLACE_EXISTING);
        String md = render();
        // taken before the WIRE family existed: its WIRE cells are missing, so wire integrity is not met
        assertContains(md, "| Helidon | **16/27** | **1/4** | **0/7, not met: WIRE-1, WIRE-2, WIRE-3, WIRE-4, WIRE-5,"
                + " WIRE-6, WIRE-8** |");
        assertContains(md, "| Jetty | **FAILED (no TCK column)** | **FAILED (no TCK column)** |");
        assertContains(md, "1. Conformance: Jetty has no column in matrix.json — the TCK did not run against it\n"
                + "2. ");
        assertContains(md, "| TIMEOUT-2 | REQUIRED | Work past the deadline answers 408 at the deadline and is "
                + "interrupted | PASS — 408 after 316 ms, deadline 300 ms; task 16474 TIMED_OUT | "
                + "**MISSING — not in matrix.json** |");
        assertContains(md, "| TCK run on Helidon | scale ci, 79.2 s (one run");
    }

    @Test
    void strictModeFailsTheBuildOnAFailedPhaseButStillWritesTheReport() throws IOException {
        Files.delete(jmh);
        assertEquals(1, Scorecard.run(QUIET, "--root=" + root, "--strict=true"));
        assertTrue(Files.isRegularFile(root.resolve("target/scorecard/index.html")));
        assertEquals(0, Scorecard.run(QUIET, "--root=" + root));
    }

    private String render(String... extra) throws IOException {
        String[] args = new String[extra.length + 2];
        args[0] = "--root=" + root;
        args[1] = "--versions=helidon=4.5.0,jetty=12.1.14,gatling=3.13.5,jmh=1.37";
        System.arraycopy(extra, 0, args, 2, extra.length);
        assertEquals(0, Scorecard.run(QUIET, args));
        return Files.readString(root.resolve("target/scorecard/scorecard.md"));
    }

    private Path fixture(String name, String target) throws IOException {
        Path path = root.resolve(target);
        Files.createDirectories(path.getParent());
        try (InputStream in = ScorecardTest.class.getResourceAsStream("/scorecard/" + name)) {
            Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
        }
        return path;
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected to find\n  " + expected + "\nin\n" + text);
    }
}
