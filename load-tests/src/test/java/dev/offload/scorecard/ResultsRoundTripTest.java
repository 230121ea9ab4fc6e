package dev.offload.scorecard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.load.results.BehaviourRecords.Calibration;
import dev.offload.load.results.BehaviourRecords.CalibrationStep;
import dev.offload.load.results.BehaviourRecords.Latency;
import dev.offload.load.results.BehaviourRecords.PoolFigures;
import dev.offload.load.results.BehaviourRecords.Run;
import dev.offload.load.results.BehaviourRecords.RunStatus;
import dev.offload.load.results.BehaviourRecords.ScenarioInfo;
import dev.offload.load.results.PerfRecords;
import dev.offload.load.results.ResultsFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the orchestrator writes, the scorecard reads back: the same records on both sides, no key to misspell. */
class ResultsRoundTripTest {

    @Test
    void aWrittenBehaviourRunReadsBackWithItsScenarioFigures() throws Exception {
        Latency latency = new Latency(0.0, 2.0, 3.0, 9.0, 12.0, 15.0, 2.5);
        Run pool = new Run("POOL", "jetty", 1, RunStatus.OK, List.of(), 800, false, 0.16, false, "r/index.html",
                List.of(), "submit job", 8_000L, 800L, 0L, 0L, 80.0, latency, Map.of(), Map.of("202", 800L,
                "503", 7_200L), Map.of(), new PoolFigures(100, 8.0, 800, 7_200, 0.9, 3L, 9L, 800, 800, 0), null,
                null, null, 10_000L, 900.0, 0.09, 112.5, 80.0, 35.0, null, 200L << 20, 40L << 20, null, null);
        ResultsFile file = new ResultsFile(PerfRecords.SCHEMA, "quick", Map.of("name", "quick"), List.of("behaviour"),
                ResultsFile.FileStatus.OK, null, "2026-12-01T00:00:00Z", "2026-12-01T00:10:00Z", null, null,
                PerfRecords.Sla.DEFAULT, Map.of(), List.of(), List.of(), List.of(),
                new Calibration(0.5, "clean", "helidon", 5, List.of(new CalibrationStep(2_500, 12_500, 0L, 3.0, 9.0,
                        true)), null, 2_500L, 1_250L, null, null),
                Map.of("POOL", new ScenarioInfo("POOL overload", "PoolOverloadSimulation", 800, List.of("submit job"),
                        Map.of("workers", "1"), Map.of())), List.of(pool));
        ObjectMapper json = new ObjectMapper();
        LoadResults read = LoadResults.parse(json.readTree(json.writeValueAsString(file)));

        LoadResults.Run r = read.runs().getFirst();
        assertNull(r.failure());
        assertEquals(9.0, r.p99());
        assertEquals(112.5, r.cpuMicrosPerRequest());
        assertEquals(0.9, LoadResults.REJECTED_SHARE.applyAsDouble(r));
        assertEquals(3.0, LoadResults.REJECTED_P99.applyAsDouble(r));
        assertTrue(Double.isNaN(LoadResults.DEADLINE.applyAsDouble(r)), "no TIMEOUT figures in a POOL run");
        assertEquals(2_500.0, read.ceilingRps());
        assertEquals("POOL overload (server: workers=1)", read.planned().get("POOL"));
        assertEquals("OK", read.status());
    }
}
