package dev.offload.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.load.results.PerfRecords;
import dev.offload.load.results.PerfRecords.Capacity;
import dev.offload.load.results.PerfRecords.CapacityStatus;
import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.Soak;
import dev.offload.load.results.PerfRecords.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capacity, equal-rate and soak phases end to end at a tiny scale (tens to hundreds of req/s, half-second steps)
 * on both real servers, through the real Hyperfoil driver JVM and taskset, so none of it can rot between scorecard
 * runs. It checks that every phase ran and recorded what it measured, and that the file reads back into the same
 * records the scorecard uses; the figures themselves mean nothing at this scale and are not judged.
 *
 * <p>Needs the reactor's jars: {@code impl-*&#47;target/offload-*.jar} and {@code load-tests/hyperfoil/target/
 * offload-hyperfoil.jar} ({@code mvn -B verify} builds them before this module's tests).
 */
class PerfPhasesEndToEndTest {
    /**
     * BG exercises every phase (a POST with a body, background sends: the one a soak once failed); WORK_UNWATCHED the
     * server JVM of its own that a pattern with other settings gets (the soak skips it).
     */
    private static final List<String> PATTERNS = List.of("BG", "WORK_UNWATCHED");

    @Test
    void everyPerfPhaseRunsOnBothServersAndRecordsItsMeasurements() throws Exception {
        Path helidon = Path.of("../impl-helidon/target/offload-helidon.jar");
        Path jetty = Path.of("../impl-jetty/target/offload-jetty.jar");
        Path driver = Path.of("hyperfoil/target/offload-hyperfoil.jar");
        for (Path jar : List.of(helidon, jetty, driver)) {
            assertTrue(Files.exists(jar), jar.toAbsolutePath() + " is missing: run the whole reactor (mvn -B verify)");
        }
        Path output = Path.of("target/perf-e2e");
        LoadRun run = new LoadRun(Map.of("phases", "perf", "perfProfile", "tiny", "patterns",
                String.join(",", PATTERNS), "servers", "helidon=" + helidon + ",jetty=" + jetty, "driver",
                driver.toString(), "output", output.toString()));
        int exit = run.execute();

        JsonNode root = new ObjectMapper().readTree(output.resolve("results.json").toFile());
        assertEquals(PerfRecords.SCHEMA, root.path("schema").asText());
        assertEquals("OK", root.path("status").asText(), "orchestrator status; exit " + exit + "; error "
                + root.path("error"));
        assertTrue(root.path("pinning").has("pinned"), "pinning recorded");

        var perf = dev.offload.scorecard.PerfDataAccess.parse(root);
        for (String server : List.of("helidon", "jetty")) {
            for (String pattern : PATTERNS) {
                Capacity c = perf.capacity().stream().filter(x -> x.server().equals(server)
                        && x.pattern().equals(pattern)).findFirst().orElseThrow();
                assertNotEquals(CapacityStatus.FAILED, c.status(), server + " " + pattern + ": " + c.failure());
                assertNotNull(c.capacityRps());
                assertTrue(c.steps().size() >= 3, "warm-up, discovery and search steps: " + c.steps());
                assertTrue(c.probeMicros() != null && c.probeMicros() > 0, "machine speed probe read: " + c);
                assertNotNull(c.warmupSettled(), "warm-up outcome recorded");
                c.steps().forEach(PerfPhasesEndToEndTest::measured);

                List<EqualRate> equal = perf.equalRate().stream().filter(x -> x.server().equals(server)
                        && x.pattern().equals(pattern)).toList();
                assertEquals(2, equal.size(), "two equal rates");
                equal.forEach(e -> e.windows().forEach(PerfPhasesEndToEndTest::measured));

                if (pattern.equals("WORK_UNWATCHED")) {
                    assertTrue(perf.soak().stream().noneMatch(x -> x.pattern().equals(pattern)), "no soak");
                    continue;
                }
                Soak s = perf.soak().stream().filter(x -> x.server().equals(server) && x.pattern().equals(pattern))
                        .findFirst().orElseThrow();
                assertEquals(10, s.windows().size(), "ten soak windows");
                s.windows().forEach(w -> measured(w.step()));
                assertNotNull(s.status());
            }
        }
        assertEquals(0, exit, "exit code");
    }

    /** A step that the injector sent, the server answered and /proc measured. */
    private static void measured(Step s) {
        assertTrue(s.sent() > 0 && s.responses() > 0, "sent and answered: " + s);
        assertNotNull(s.serverCores(), "server CPU read: " + s);
        assertNotNull(s.hostStolen(), "the host's steal read: " + s);
        assertNotNull(s.p99Ms(), "latency recorded: " + s);
    }
}
