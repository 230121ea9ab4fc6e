package dev.offload.scorecard;

import dev.offload.load.results.PerfRecords.Capacity;
import dev.offload.load.results.PerfRecords.CapacityStatus;
import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.EqualRateStatus;
import dev.offload.load.results.PerfRecords.Pinning;
import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Soak;
import dev.offload.load.results.PerfRecords.SoakStatus;
import dev.offload.load.results.PerfRecords.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the performance sections say about given figures: a difference only where three repetitions' ranges are apart,
 * a GENERATOR_LIMITED ceiling as a lower bound never compared, a growing cost named in the verdict.
 */
class PerfSectionTest {
    private static final List<String> SERVERS = List.of("helidon", "jetty");

    private static List<Capacity> reps(String pattern, String server, CapacityStatus status, int... rates) {
        List<Capacity> out = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            out.add(new Capacity(pattern, server, i + 1, status, rates[i], 1e6 / rates[i], 10.0, "cpu", null,
                    true, null, List.of()));
        }
        return out;
    }

    private static PerfData data() {
        List<Capacity> capacity = new ArrayList<>();
        capacity.addAll(reps("PLAINTEXT", "helidon", CapacityStatus.OK, 60_000, 61_000, 63_000));
        capacity.addAll(reps("PLAINTEXT", "jetty", CapacityStatus.OK, 30_000, 31_000, 32_000));
        capacity.addAll(reps("COPY", "helidon", CapacityStatus.OK, 20_000, 21_000, 14_000));
        capacity.addAll(reps("COPY", "jetty", CapacityStatus.OK, 13_000, 13_500, 14_500));
        capacity.addAll(reps("BG", "helidon", CapacityStatus.GENERATOR_LIMITED, 9_000, 9_000, 9_000));
        capacity.addAll(reps("BG", "jetty", CapacityStatus.OK, 4_000, 4_100, 4_200));
        capacity.addAll(reps("POOL", "helidon", CapacityStatus.GENERATOR_LIMITED, 3_000, 3_000, 3_100));
        capacity.addAll(reps("POOL", "jetty", CapacityStatus.OK, 5_000, 5_100, 5_200));
        List<EqualRate> equal = new ArrayList<>();
        for (int rep = 1; rep <= 3; rep++) {
            equal.add(new EqualRate("PLAINTEXT", "helidon", rep, 7_500, EqualRateStatus.OK, 20.0 + rep, 0.5, 1.0,
                    0.1, null, List.of()));
            equal.add(new EqualRate("PLAINTEXT", "jetty", rep, 7_500, rep == 3 ? EqualRateStatus.UNSTABLE
                    : EqualRateStatus.OK, 40.0 + rep, 0.6, 1.2, 0.1, null, List.of()));
        }
        List<Soak> soak = List.of(
                new Soak("BG", "helidon", 2_000, SoakStatus.FLAT, 0.2, 1.02, 1.0, null, 1.02, 0.1, 1.0, 1L << 20, null,
                        List.of()),
                new Soak("BG", "jetty", 2_000, SoakStatus.GROWS, 0.2, 4.5, 1.0, null, 4.5, 30.0, 0.3, 200L << 20,
                        "CPU per request x4.50 from the first window to the last", List.of()));
        return new PerfData(new Pinning(true, "1", "0", 2, "server on CPU 1, injector on CPU 0"), Sla.DEFAULT,
                List.of("PLAINTEXT", "COPY", "BG", "POOL"), capacity, equal, soak);
    }

    private static String render() {
        Doc doc = new Doc("test");
        PerfSection section = new PerfSection(doc, data(), SERVERS, (t, f, a, c, s, v, w, h) -> { });
        doc.bullets(false, section.verdictLines().stream().map(l -> List.of(Doc.Text.plain(l))).toList());
        section.capacity();
        section.equalRate();
        new SoakSection(doc, data(), SERVERS, (t, f, a, c, s, v, w, h) -> { }).render();
        return MarkdownRenderer.render(doc);
    }

    @Test
    void theVerdictCallsOnlyTheCapacityWhoseRangesAreApart() {
        String md = render();
        assertTrue(md.contains("Capacity on one core: PLAINTEXT (Helidon 1.97× higher: 61,000 vs 31,000 req/s); "
                + "BG (Helidon ≥ 2.20× higher (from a lower bound): ≥ 9,000 vs 4,100 req/s); "
                + "no measurable difference in COPY, POOL (GENERATOR_LIMITED)."), md);
    }

    /**
     * A GENERATOR_LIMITED ceiling is a lower bound: the server may hold more, so it can be called higher when even
     * its lowest repetition is above the other's highest (BG), never lower (POOL).
     */
    @Test
    void aGeneratorLimitedCeilingIsALowerBoundCalledOnlyAsTheHigherOne() {
        String md = render();
        assertTrue(md.contains("| BG | **≥ 9,000 GENERATOR_LIMITED** |"), md);
        assertTrue(md.contains("| Helidon ≥ 2.20× higher (from a lower bound) |"), md);
        assertTrue(md.contains("| POOL | **≥ 3,000 ±2% GENERATOR_LIMITED** |"), md);
        assertTrue(md.contains("not compared (a lower bound)"), md);
    }

    @Test
    void equalRateLeavesUnstableRunsOutAndThenNeedsThreeRepsToCallADifference() {
        String md = render();
        assertTrue(md.contains("2/3, 1 UNSTABLE"), md);
        // Jetty has two settled repetitions left: below the three a difference needs, however far apart
        assertTrue(md.contains("no measurable difference (fewer than 3 reps)"), md);
        assertFalse(md.contains("costlier"), md);
    }

    @Test
    void aGrowingCostIsNamedInTheVerdictAndItsTable() {
        String md = render();
        assertTrue(md.contains("Cost growth: BG on Jetty GROWS."), md);
        assertTrue(md.contains("GROWS: CPU per request x4.50"), md);
    }

    private static Capacity probed(String server, int rep, int rate, double probeMicros) {
        return new Capacity("COPY", server, rep, CapacityStatus.OK, rate, 50.0, 10.0, "cpu", null, true, probeMicros,
                List.of());
    }

    /**
     * Differences are called on capacities with the machine's drift divided out: a repetition measured while the
     * probe's fixed work took twice as long counts twice its rate. Raw ranges that overlap only because one
     * repetition ran in a slow minute are then apart; raw ranges that are apart only because one server's
     * repetitions ran in fast minutes are not.
     */
    @Test
    void capacityIsComparedWithTheMachinesDriftDividedOut() {
        List<Capacity> slowMinute = List.of(probed("helidon", 1, 10_000, 2_000), probed("helidon", 2, 20_000, 1_000),
                probed("helidon", 3, 21_000, 1_000), probed("jetty", 1, 14_000, 1_000),
                probed("jetty", 2, 15_000, 1_000), probed("jetty", 3, 14_500, 1_000));
        PerfData slow = new PerfData(null, Sla.DEFAULT, List.of("COPY"), slowMinute, List.of(), List.of());
        assertTrue(slow.driftCorrected());
        assertEquals(20_000, slow.driftCorrectedCapacity("COPY", "helidon").min(), 1e-9);
        var call = slow.capacityCall("COPY", "helidon", "jetty").orElseThrow();
        assertEquals("helidon", call.higher());
        assertEquals(20_000, call.high().median(), 1e-9, "the call carries the rates as measured");

        List<Capacity> fastMinutes = List.of(probed("helidon", 1, 20_000, 700), probed("helidon", 2, 21_000, 700),
                probed("helidon", 3, 20_500, 700), probed("jetty", 1, 14_000, 1_000),
                probed("jetty", 2, 15_000, 1_000), probed("jetty", 3, 14_500, 1_000));
        PerfData fast = new PerfData(null, Sla.DEFAULT, List.of("COPY"), fastMinutes, List.of(), List.of());
        assertTrue(fast.capacity("COPY", "helidon").separatedFrom(fast.capacity("COPY", "jetty")));
        assertTrue(fast.capacityCall("COPY", "helidon", "jetty").isEmpty(), "the fast minutes explain the gap");

        List<Capacity> unprobed = new ArrayList<>(slowMinute);
        unprobed.set(0, unprobed.getFirst().withProbeMicros(null));
        PerfData old = new PerfData(null, Sla.DEFAULT, List.of("COPY"), unprobed, List.of(), List.of());
        assertFalse(old.driftCorrected());
        assertTrue(old.capacityCall("COPY", "helidon", "jetty").isEmpty(), "without readings, as measured");
    }

    private static Step search(String kind, boolean met, Double stolen) {
        return new Step(kind, 20_000, 2, 40_000, 40_000, 0, 20_000, 1.0, met ? 5.0 : 300.0, 400.0, 30.0, 0.6, 0.6,
                0.0, met, false, null, stolen);
    }

    /**
     * The capacity section says how often the hypervisor took a CPU away and how many missed search steps that made
     * the orchestrator run again; a file without steal readings says nothing about it.
     */
    @Test
    void theCapacitySectionSaysHowOftenTheHostDisturbedTheSteps() {
        List<Step> steps = List.of(search("warmup", false, 0.3), search("discovery", true, 0.0),
                search("discovery", false, 0.2), search("discovery-retry", true, 0.01), search("search", true, 0.08),
                search("search", false, null));
        List<Capacity> capacity = List.of(new Capacity("COPY", "helidon", 1, CapacityStatus.OK, 20_000, 30.0, 5.0,
                "cpu", null, true, null, steps));
        PerfData perf = new PerfData(null, Sla.DEFAULT, List.of("COPY"), capacity, List.of(), List.of());
        assertEquals(new PerfData.HostDisturbance(5, 3, 1, 0.3), perf.hostDisturbance(),
                "the warm-up's miss is not re-run, nor a retry; the unread step is not counted");
        Doc doc = new Doc("test");
        new PerfSection(doc, perf, SERVERS, (t, f, a, c, s, v, w, h) -> { }).capacity();
        String md = MarkdownRenderer.render(doc);
        assertTrue(md.contains("in 3 of 5 search steps and equal-rate windows, at most 30 %"), md);
        assertTrue(md.contains("re-run once the host is quiet (1 here)"), md);
        Doc none = new Doc("test");
        new PerfSection(none, data(), SERVERS, (t, f, a, c, s, v, w, h) -> { }).capacity();
        assertFalse(MarkdownRenderer.render(none).contains("hypervisor"));
    }

    /** The watch's cost (issue 13) is called only where the on and off repetitions' ranges are apart. */
    @Test
    void theWatchCostIsCalledOnlyWhenTheRangesAreApart() {
        Figure onCpu = Figure.of(90, 92, 95);
        Figure offCpu = Figure.of(80, 81, 83);
        Figure rps = Figure.of(5_000, 5_200, 5_400);
        String apart = WatchCostSection.watchVerdict(rps, rps, onCpu, offCpu);
        assertTrue(apart.startsWith("+11.0 µs CPU/request"), apart);
        assertFalse(apart.contains("capacity"), "same capacity ranges: no capacity cost called: " + apart);
        String overlapping = WatchCostSection.watchVerdict(rps, rps, Figure.of(80, 88, 95), offCpu);
        assertTrue(overlapping.startsWith("no measurable difference"), overlapping);
        assertTrue(WatchCostSection.watchVerdict(rps, rps, Figure.ABSENT, offCpu).equals("n/a"));
    }
}
