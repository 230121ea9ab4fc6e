package dev.offload.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.load.results.PerfRecords.Capacity;
import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.Soak;

import java.util.List;

/** Lets the orchestrator's end-to-end test read results.json exactly as the scorecard does. */
public final class PerfDataAccess {
    private PerfDataAccess() {
    }

    public record View(List<Capacity> capacity, List<EqualRate> equalRate, List<Soak> soak) {}

    public static View parse(JsonNode root) {
        PerfData data = PerfData.parse(root);
        return new View(data.capacity(), data.equalRate(), data.soak());
    }
}
