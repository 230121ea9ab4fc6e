package dev.offload.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which server-to-server differences make the verdict, and which are noise. */
class DifferencesTest {

    @Test
    void aLargeRatioWithALargeGapCountsNamingTheLowerFirst() {
        List<Differences.Difference> top = Differences.top(null, load(reps(
                run("BG", "helidon", 6, 40), run("BG", "jetty", 12, 100))), "helidon", "jetty", 3);
        assertEquals(2, top.size(), top.toString());
        assertEquals("BG CPU per request: Helidon 40 µs, Jetty 100 µs (2.50×)", top.get(0).text());
        assertEquals("BG p99 latency: Helidon 6 ms, Jetty 12 ms (2.00×)", top.get(1).text());
    }

    @Test
    void aLargeRatioOfTinyFiguresIsNoise() {
        // 0.4 ms against 1.2 ms is 3×, but under the 2 ms gap floor; 3 µs against 6 µs is under the 5 µs floor.
        List<Differences.Difference> top = Differences.top(null, load(reps(
                run("PLAINTEXT", "helidon", 0.4, 3), run("PLAINTEXT", "jetty", 1.2, 6))), "helidon", "jetty", 3);
        assertTrue(top.isEmpty(), top.toString());
    }

    /** One repetition is noise (issue 15: COPY p99 read 1.33x one day and 65x two days later). */
    @Test
    void aLargeRatioFromOneRepetitionIsNotCalled() {
        List<Differences.Difference> top = Differences.top(null, load(
                run("BG", "helidon", 6, 40), run("BG", "jetty", 12, 100)), "helidon", "jetty", 3);
        assertTrue(top.isEmpty(), top.toString());
    }

    /** Three repetitions each, but one Jetty repetition as fast as Helidon's slowest: the ranges overlap. */
    @Test
    void overlappingRepetitionRangesAreNoMeasurableDifference() {
        List<LoadResults.Run> runs = new java.util.ArrayList<>(List.of(reps(run("BG", "helidon", 6, 40))));
        runs.add(run("BG", "jetty", 12, 100));
        runs.add(run("BG", "jetty", 12, 110));
        runs.add(run("BG", "jetty", 6.2, 41));
        List<Differences.Difference> top = Differences.top(null, load(runs.toArray(LoadResults.Run[]::new)),
                "helidon", "jetty", 3);
        assertTrue(top.isEmpty(), top.toString());
    }

    @Test
    void errorsOnOneSideOnlyOutrankRatios() {
        LoadResults.Run clean = run("POOL", "helidon", 5, 40);
        LoadResults.Run errors = new LoadResults.Run("POOL", "jetty", 1, null, 300, 299, null, 1000,
                Map.of("202", 100L, "none", 10L), 10, 1, 2, 15, 30, 80, 200, 40, 30, null, null);
        List<Differences.Difference> top = Differences.top(null, load(clean, errors), "helidon", "jetty", 3);
        assertEquals("POOL under load: Jetty had 10 errors (1 % of requests); Helidon none", top.get(0).text());
    }

    private static LoadResults load(LoadResults.Run... runs) {
        return new LoadResults("quick", "OK", null, 5000.0, 0.5, "helidon", null, null, List.of(), Map.of(), Map.of(),
                List.of(runs), PerfData.EMPTY);
    }

    /** Each run three times with a 5 % spread around its figures, as three fresh-JVM repetitions. */
    private static LoadResults.Run[] reps(LoadResults.Run... runs) {
        List<LoadResults.Run> out = new java.util.ArrayList<>();
        for (LoadResults.Run r : runs) {
            for (double f : new double[] {0.95, 1.0, 1.05}) {
                out.add(new LoadResults.Run(r.scenario(), r.server(), out.size() + 1, null, r.rate(), r.achievedRate(),
                        r.nearCeiling(), r.count(), r.statusMix(), r.errors(), r.p50() * f, r.p95() * f,
                        r.p99() * f, r.max() * f, r.cpuMicrosPerRequest() * f, r.peakRssMb() * f,
                        r.heapAfterGcMb() * f, r.hostCpuBusyPercent(), r.report(), r.source()));
            }
        }
        return out.toArray(LoadResults.Run[]::new);
    }

    private static LoadResults.Run run(String scenario, String server, double p99, double cpu) {
        return new LoadResults.Run(scenario, server, 1, null, 500, 499, false, 5000, Map.of("200", 5000L), 0,
                p99 / 3, p99 / 2, p99, p99 * 2, cpu, 200, 40, 30, null, null);
    }
}
