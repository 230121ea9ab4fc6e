package dev.offload.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading a real Gatling 3.13.4 report (a POOL run's {@code js/stats.json} and {@code js/assertions.xml}). If this
 * fails after a Gatling upgrade, the report format changed: check that the new version still writes stats.json.
 */
class GatlingStatsTest {
    private static final Path REPORT = Path.of("src/test/resources/gatling-report");

    @Test
    void perRequestFiguresMapThePercentilesConfiguredInGatlingConf() throws Exception {
        GatlingStats stats = GatlingStats.read(REPORT);
        GatlingStats.RequestStats submit = stats.request("submit job");
        assertEquals(8000, submit.count());
        assertEquals(8000, submit.ok());
        assertEquals(0, submit.ko());
        assertEquals(18.0, submit.latencyMs().p99());
        assertEquals(61.0, submit.latencyMs().max());
        assertTrue(submit.latencyMs().p50() <= submit.latencyMs().p95());
    }

    /** Warm-up requests are reported under their own name, which is how they stay out of the figures. */
    @Test
    void warmUpIsAnotherRequestName() throws Exception {
        GatlingStats stats = GatlingStats.read(REPORT);
        assertTrue(stats.names().contains("warm-up: submit job"));
        assertEquals(2200, stats.request("warm-up: submit job").count());
        assertNull(stats.request("no such request"));
    }

    @Test
    void assertionsAreReadWithTheirOutcome(@TempDir Path dir) throws Exception {
        assertTrue(GatlingStats.assertions(REPORT).getFirst().passed());

        Files.createDirectories(dir.resolve("js"));
        Files.writeString(dir.resolve("js/assertions.xml"), """
                <testsuite name="x" tests="1" errors="0" failures="1" time="0">
                  <testcase name="submit job: count of failed events is 0.0" status="false" time="0">
                  <failure type="submit job">Actual value: 3.0</failure>
                </testcase>
                </testsuite>""");
        GatlingStats.AssertionResult failed = GatlingStats.assertions(dir).getFirst();
        assertFalse(failed.passed());
        assertEquals("submit job: count of failed events is 0.0", failed.description());
    }

    /** KO messages come from the last error table of Gatling's console output, counts with thousands separators. */
    @Test
    void errorMessagesAreReadFromTheConsoleLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gatling.log");
        Files.writeString(log, """
                ---- Errors --------------------------------------------------------------------------
                > status.find.in(202,503), but actually found 500                               3   (60.00%)
                =====================================================================================
                > KO                                                                       2,618  (5.16%)
                ---- Errors --------------------------------------------------------------------------
                > Request timeout to 127.0.0.1/127.0.0.1:34321 after 10000 ms                2,618   (100%)
                =====================================================================================
                """);
        var errors = GatlingStats.errors(log);
        assertEquals(1, errors.size());
        assertEquals("Request timeout to 127.0.0.1/127.0.0.1:34321 after 10000 ms", errors.getFirst().message());
        assertEquals(2618, errors.getFirst().count());
        assertTrue(GatlingStats.errors(dir.resolve("missing.log")).isEmpty());
    }
}
