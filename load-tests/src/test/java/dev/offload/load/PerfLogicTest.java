package dev.offload.load;

import dev.offload.load.results.PerfRecords.Capacity;
import dev.offload.load.results.PerfRecords.CapacityStatus;
import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.EqualRateStatus;
import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Soak;
import dev.offload.load.results.PerfRecords.SoakStatus;
import dev.offload.load.results.PerfRecords.SoakWindow;
import dev.offload.load.results.PerfRecords.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static dev.offload.load.HostSteal.Quiet.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decisions of the perf phases, on steps whose outcome is given: where the capacity search lands, when it says
 * GENERATOR_LIMITED, when an equal-rate warm-up counts as settled, when a soak counts as growing. The end-to-end test
 * runs the same code against the real servers.
 */
class PerfLogicTest {
    private static final PerfProfile PROFILE = new PerfProfile("test", 3, 1, 100, 2, 1, 1, 1, 4, 160_000, 0, 1, 4,
            1.0, 10, 1, 0.6);

    /** A server meeting the SLA up to {@code capacity} req/s, driven by an injector topping out at {@code injector}. */
    private static StepRunner model(int capacity, int injector, List<Integer> offered) {
        return (kind, pattern, rate, seconds, sla) -> {
            offered.add(rate);
            boolean injectorOut = rate > injector;
            boolean met = rate <= capacity && !injectorOut;
            return step(kind, rate, met, !met && injectorOut, 20.0);
        };
    }

    private static Step step(String kind, int rate, boolean met, boolean generatorLimited, Double cpu) {
        return new Step(kind, rate, 1, rate, met ? rate : rate / 2, 0, met ? rate : rate / 2.0, 1.0,
                met ? 5.0 : 500.0, 10.0, cpu, 0.5, 0.5, 0.0, met, generatorLimited, null, null);
    }

    @Test
    void theSearchBracketsTheServersCapacityFromBelow() throws Exception {
        List<Integer> offered = new ArrayList<>();
        Capacity c = new CapacitySearch(model(10_000, 1_000_000, offered), NONE, PROFILE, Sla.DEFAULT)
                .search(Pattern.PLAINTEXT, "s", 1, null);
        assertEquals(CapacityStatus.OK, c.status(), c.toString());
        assertTrue(c.capacityRps() <= 10_000 && c.capacityRps() >= 9_000, "capacity " + c.capacityRps()
                + " from steps " + offered);
        assertEquals(Pattern.PLAINTEXT.discoveryStart * 3 / 4, offered.getFirst(), "warm-up at 3/4 of the first step");
        assertEquals(20.0, c.cpuMicrosPerRequest());
    }

    @Test
    void aCeilingTheInjectorSetIsGeneratorLimitedNotTheServersCapacity() throws Exception {
        Capacity c = new CapacitySearch(model(50_000, 12_000, new ArrayList<>()), NONE, PROFILE, Sla.DEFAULT)
                .search(Pattern.PLAINTEXT, "s", 1, null);
        assertEquals(CapacityStatus.GENERATOR_LIMITED, c.status(), c.toString());
        assertTrue(c.capacityRps() <= 12_000, c.toString());
    }

    @Test
    void everyStepMeetingTheSlaUpToTheMaximumIsGeneratorLimited() throws Exception {
        Capacity c = new CapacitySearch(model(Integer.MAX_VALUE, Integer.MAX_VALUE, new ArrayList<>()), NONE, PROFILE,
                Sla.DEFAULT).search(Pattern.BG, "s", 1, null);
        assertEquals(CapacityStatus.GENERATOR_LIMITED, c.status());
        assertEquals(PROFILE.maxRate(), c.capacityRps());
    }

    @Test
    void aPriorStartsTheRampThereAndItWalksDownWhenTheFirstStepFails() throws Exception {
        List<Integer> offered = new ArrayList<>();
        Capacity c = new CapacitySearch(model(3_000, 1_000_000, offered), NONE, PROFILE, Sla.DEFAULT)
                .search(Pattern.COPY, "s", 2, 4_000);
        assertEquals(4_000, c.steps().stream().filter(s -> s.kind().equals("discovery")).findFirst().orElseThrow()
                .offeredRps(), "first measured step at the prior: " + offered);
        assertEquals(CapacityStatus.OK, c.status());
        assertTrue(c.capacityRps() <= 3_000 && c.capacityRps() >= 2_500, c + " from " + offered);
    }

    @Test
    void noStepMeetingTheSlaIsFailedWithoutAFigure() throws Exception {
        Capacity c = new CapacitySearch(model(0, 1_000_000, new ArrayList<>()), NONE, PROFILE, Sla.DEFAULT)
                .search(Pattern.POOL, "s", 1, null);
        assertEquals(CapacityStatus.FAILED, c.status());
        assertNull(c.capacityRps());
    }

    /** Windows whose CPU per request is given in turn. */
    private static StepRunner windows(double... cpu) {
        int[] i = {0};
        return (kind, pattern, rate, seconds, sla) -> step(kind, rate, true, false, cpu[i[0]++]);
    }

    @Test
    void anEqualRateFigureIsTheMeanOfTheFirstTwoConsecutiveWindowsThatAgreeWithinTenPercent() throws Exception {
        EqualRate e = EqualRateRun.measure(windows(100, 60, 50, 52, 51), NONE, PROFILE, Sla.DEFAULT,
                Pattern.PLAINTEXT, "s", 1, 1_000);
        assertEquals(EqualRateStatus.OK, e.status());
        assertEquals(4, e.windows().size(), "60 vs 50 differ by 17 %, 50 vs 52 agree");
        assertEquals(51.0, e.cpuMicrosPerRequest());
    }

    @Test
    void aWarmUpThatNeverSettlesIsUnstable() throws Exception {
        EqualRate e = EqualRateRun.measure(windows(100, 80, 60, 45), NONE, PROFILE, Sla.DEFAULT, Pattern.PLAINTEXT,
                "s", 1, 1_000);
        assertEquals(EqualRateStatus.UNSTABLE, e.status());
        assertEquals(PROFILE.maxWindows(), e.windows().size());
    }

    /** A single latency spike with the server half idle is run again, so it does not become the ceiling. */
    @Test
    void aLatencySpikeWithRoomToSpareIsRetriedNotTakenAsTheCeiling() throws Exception {
        List<Integer> offered = new ArrayList<>();
        boolean[] spiked = {false};
        StepRunner spiky = (kind, pattern, rate, seconds, sla) -> {
            offered.add(rate);
            if (rate == 16_000 && !spiked[0]) {
                spiked[0] = true;
                return new Step(kind, rate, 1, rate, rate, 0, rate, 1.0, 55.0, 60.0, 20.0, 0.4, 0.5, 0.0, false,
                        false, null, null);
            }
            return step(kind, rate, rate <= 30_000, false, 20.0);
        };
        Capacity c = new CapacitySearch(spiky, NONE, PROFILE, Sla.DEFAULT).search(Pattern.PLAINTEXT, "s", 1, null);
        assertTrue(c.capacityRps() > 16_000, "the spike was retried: " + offered);
        assertEquals(2, offered.stream().filter(r -> r == 16_000).count());
        assertTrue(c.steps().stream().anyMatch(s -> s.kind().endsWith("-retry")));
    }

    /** {@code s} as if the hypervisor had given {@code share} of a CPU to another guest during it. */
    private static Step stolen(Step s, double share) {
        return new Step(s.kind(), s.offeredRps(), s.seconds(), s.sent(), s.responses(), s.errors(), s.achievedRps(),
                s.p50Ms(), s.p99Ms(), s.maxMs(), s.cpuMicrosPerRequest(), s.serverCores(), s.injectorCores(),
                s.serverJitCores(), s.slaMet(), s.generatorLimited(), s.failure(), share);
    }

    /**
     * A miss with the server's core full, while the host took a fifth of a CPU (measured here: bursts of 10-40 % for
     * tens of seconds), says nothing about the server: re-run once the host is quiet, not taken as the ceiling.
     */
    @Test
    void aMissWhileTheHostTookTheCpuIsReRunOnceTheHostIsQuiet() throws Exception {
        List<Integer> offered = new ArrayList<>();
        int[] quietWaits = {0};
        boolean[] disturbed = {false};
        StepRunner host = (kind, pattern, rate, seconds, sla) -> {
            offered.add(rate);
            if (rate == 16_000 && !disturbed[0]) {
                disturbed[0] = true;
                return stolen(new Step(kind, rate, 1, rate, rate, 0, rate, 1.0, 300.0, 400.0, 20.0, 0.97, 0.5, 0.0,
                        false, false, null, null), 0.2);
            }
            return step(kind, rate, rate <= 30_000, false, 20.0);
        };
        assertFalse(CapacitySearch.isSpike(stolen(step("search", 16_000, false, false, 20.0), 0.2)),
                "not a spike by itself: the server's core is full");
        Capacity c = new CapacitySearch(host, () -> ++quietWaits[0], PROFILE, Sla.DEFAULT)
                .search(Pattern.PLAINTEXT, "s", 1, null);
        assertTrue(c.capacityRps() > 16_000, "the disturbed step was re-run: " + offered);
        assertEquals(1, quietWaits[0], "once, before the re-run");
        assertEquals(2, offered.stream().filter(r -> r == 16_000).count());
    }

    /** A burst that outlasts a quiet span: the step is re-run twice at most, then counts as missed. */
    @Test
    void aStepTheHostKeepsDisturbingIsReRunTwiceThenCountsAsMissed() throws Exception {
        List<Integer> offered = new ArrayList<>();
        int[] quietWaits = {0};
        StepRunner host = (kind, pattern, rate, seconds, sla) -> {
            offered.add(rate);
            Step s = step(kind, rate, rate <= 8_000, false, 20.0);
            return rate == 16_000 ? stolen(s, 0.15) : s;
        };
        Capacity c = new CapacitySearch(host, () -> ++quietWaits[0], PROFILE, Sla.DEFAULT)
                .search(Pattern.PLAINTEXT, "s", 1, null);
        assertEquals(3, offered.stream().filter(r -> r == 16_000).count(), "the step and two re-runs: " + offered);
        assertEquals(2, quietWaits[0]);
        assertTrue(c.capacityRps() < 16_000, "then it is a miss like any other: " + c.capacityRps());
    }

    /**
     * An equal-rate window that missed the SLA while the host took a CPU away neither fails the rate nor pairs up; one
     * the host disturbed that met the SLA counts, since steal is not in the server's CPU time.
     */
    @Test
    void anEqualRateWindowTheHostMadeMissNeitherFailsTheRateNorPairs() throws Exception {
        List<Step> given = List.of(stolen(step("window", 1_000, false, false, 80.0), 0.3),
                stolen(step("window", 1_000, true, false, 50.0), 0.1), step("window", 1_000, true, false, 51.0),
                step("window", 1_000, true, false, 52.0));
        int[] i = {0};
        int[] quietWaits = {0};
        EqualRate e = EqualRateRun.measure((kind, pattern, rate, seconds, sla) -> given.get(i[0]++),
                () -> ++quietWaits[0], PROFILE, Sla.DEFAULT, Pattern.PLAINTEXT, "s", 1, 1_000);
        assertEquals(EqualRateStatus.OK, e.status(), e.failure());
        assertEquals(50.5, e.cpuMicrosPerRequest(), "windows 2 and 3; not 80, whose miss was the host's");
        assertEquals(0, quietWaits[0], "a verdict without a re-run");
    }

    /** A warm-up window that missed the SLA only because the host took a CPU away still settles the warm-up. */
    @Test
    void aWarmUpIsExcusedAMissTheHostCaused() throws Exception {
        List<Step> given = List.of(step("warmup", 1_000, true, false, 50.0),
                stolen(step("warmup", 1_000, false, false, 51.0), 0.2), step("warmup", 1_000, false, false, 51.0));
        int[] i = {0};
        WarmUp.Result r = WarmUp.untilSettled((kind, pattern, rate, seconds, sla) -> given.get(i[0]++), "warmup",
                Pattern.PLAINTEXT, 1_000, 1, 3, Sla.DEFAULT);
        assertTrue(r.settled());
        assertEquals(2, r.windows());
    }

    /**
     * A window that missed p99 by a hair at 0.39 cores while C2 compiled (measured: Helidon BG at 3,000 req/s, p99
     * 51.4 ms) is a spike, not a rate the server cannot hold: it neither fails the rate nor pairs.
     */
    @Test
    void anEqualRateWindowThatMissedOnASpikeDoesNotFailTheRate() throws Exception {
        Step spike = new Step("window", 3_000, 1, 3_000, 3_000, 0, 3_000, 1.0, 51.4, 60.0, 90.0, 0.39, 0.11, 0.13,
                false, false, null, 0.0);
        assertTrue(CapacitySearch.isSpike(spike));
        List<Step> given = List.of(step("window", 3_000, true, false, 95.0), spike,
                step("window", 3_000, true, false, 91.0), step("window", 3_000, true, false, 92.0));
        int[] i = {0};
        EqualRate e = EqualRateRun.measure((kind, pattern, rate, seconds, sla) -> given.get(i[0]++), NONE, PROFILE,
                Sla.DEFAULT, Pattern.BG, "s", 1, 3_000);
        assertEquals(EqualRateStatus.OK, e.status(), e.failure());
        assertEquals(91.5, e.cpuMicrosPerRequest());

        List<Step> twice = List.of(step("window", 3_000, true, false, 95.0), spike, spike, spike);
        int[] k = {0};
        EqualRate held = EqualRateRun.measure((kind, pattern, rate, seconds, sla) -> twice.get(k[0]++), NONE,
                PROFILE, Sla.DEFAULT, Pattern.BG, "s", 1, 3_000);
        assertEquals(EqualRateStatus.FAILED, held.status(), "two spikes in a row are a rate the server does not hold");
    }

    /** When disturbed windows left no verdict, the rate runs again after the host is quiet; both runs are kept. */
    @Test
    void aRateTheHostLeftWithoutAVerdictRunsAgainOnceTheHostIsQuiet() throws Exception {
        int[] quietWaits = {0};
        StepRunner host = (kind, pattern, rate, seconds, sla) -> "window".equals(kind)
                ? stolen(step(kind, rate, false, false, 70.0), 0.25) : step(kind, rate, true, false, 40.0);
        EqualRate e = EqualRateRun.measure(host, () -> ++quietWaits[0], PROFILE, Sla.DEFAULT, Pattern.PLAINTEXT, "s",
                1, 1_000);
        assertEquals(EqualRateStatus.OK, e.status(), e.failure());
        assertEquals(40.0, e.cpuMicrosPerRequest());
        assertEquals(1, quietWaits[0]);
        assertEquals(PROFILE.maxWindows() + PROFILE.maxWindows(), e.windows().size(), "the disturbed run is kept");
    }

    /** /proc/stat's per-CPU lines: steal is the eighth number; the server's CPU and the injector's read apart. */
    @Test
    void hostStealIsReadPerCpuFromProcStat() {
        List<String> stat = List.of("cpu  10 0 10 100 0 0 0 70 0 0", "cpu0 5 0 5 50 0 0 0 20 0 0",
                "cpu1 5 0 5 50 0 0 0 50 0 0", "intr 1 2 3");
        assertEquals(50.0, HostSteal.perCpu(stat, List.of(1)));
        assertEquals(20.0, HostSteal.perCpu(stat, List.of(0)));
        assertEquals(35.0, HostSteal.perCpu(stat, List.of()), "nothing pinned: the mean of every CPU");
        HostSteal steal = new HostSteal(List.of(1), List.of(0), 100);
        assertEquals(0.25, steal.stolenShare(new HostSteal.Reading(0, 50, 20), new HostSteal.Reading(2_000, 100, 30)),
                1e-9, "server CPU: 50 ticks of 200 in 2 s; the larger side counts");
    }

    /** A miss while C2 took a share of the core is the JIT's moment, not the ceiling: run once more. */
    @Test
    void aMissWhileTheJitCompilesIsRetried() {
        Step compiling = new Step("search", 22_627, 1, 22_627, 22_384, 0, 22_384, 1.0, 83.9, 120.0, 41.0, 0.98, 0.5,
                0.39, false, false, null, null);
        Step saturated = new Step("search", 22_627, 1, 22_627, 22_384, 0, 22_384, 1.0, 83.9, 120.0, 41.0, 0.98, 0.5,
                0.0, false, false, null, null);
        assertTrue(CapacitySearch.isSpike(compiling));
        assertFalse(CapacitySearch.isSpike(saturated), "a full core with the JIT quiet is the ceiling");
    }

    /**
     * More requests waiting than the driver's session limit, while the server had room and the injector did too, is
     * the server's latency: missed, retried once, never GENERATOR_LIMITED.
     */
    @Test
    void aSessionLimitWithRoomOnBothSidesIsTheServersLatencyNotTheInjectors() {
        Step backlog = new Step("search", 9_514, 1, 7_805, 7_805, 0, 7_805, 1.0, 200.0, 300.0, 60.0, 0.48, 0.2, 0.0,
                false, false, StepFigures.SESSION_LIMIT + ": more than 1000 requests waited at once", null);
        assertTrue(CapacitySearch.isSpike(backlog));
        assertTrue(StepFigures.isSessionLimit(backlog.failure()));
        Step erroring = new Step("search", 9_514, 1, 7_805, 7_805, 3, 7_805, 1.0, 200.0, 300.0, 60.0, 0.48, 0.2, 0.0,
                false, false, backlog.failure(), null);
        assertFalse(CapacitySearch.isSpike(erroring), "errors are never a spike");
    }

    /** Requests left unsent with the server half idle: the injector's doing, unless a backlog held them back. */
    @Test
    void unsentRequestsAreGeneratorLimitedOnlyWithoutTheSessionLimit() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var figures = json.readTree("{\"requests\":7805,\"responses\":7805,\"errors\":0,\"invalid\":0,"
                + "\"p50Us\":1000,\"p99Us\":200000,\"maxUs\":300000}");
        CostSnapshot start = new CostSnapshot(0, 0L, 0L, 0, 0, 0L, null);
        CostSnapshot end = new CostSnapshot(1_000, 48L, 20L, 0, 0, 0L, null);
        Step backlog = StepFigures.of("search", 9_514, 1, figures,
                json.getNodeFactory().textNode(StepFigures.SESSION_LIMIT + ": more than 1000 requests waited at once"),
                start, end, 100, 1, null, Sla.DEFAULT);
        Step unsent = StepFigures.of("search", 9_514, 1, figures, json.getNodeFactory().nullNode(), start, end, 100,
                1, null, Sla.DEFAULT);
        assertFalse(backlog.slaMet());
        assertFalse(backlog.generatorLimited(), "the server had not answered: its latency, not the injector");
        assertTrue(unsent.generatorLimited(), "nothing waited, yet the injector did not send: its own limit");
    }

    /** Two windows agreeing on cost are not settled while C2 still compiles: the cost would keep falling after. */
    @Test
    void aWarmUpIsNotSettledWhileTheJitCompiles() throws Exception {
        double[] jit = {0.4, 0.3, 0.2, 0.01, 0.01};
        int[] window = {0};
        StepRunner compiling = (kind, pattern, rate, seconds, sla) -> {
            double j = jit[Math.min(window[0]++, jit.length - 1)];
            return new Step(kind, rate, 1, rate, rate, 0, rate, 1.0, 5.0, 10.0, 50.0, 0.5, 0.2, j, true, false,
                    null, null);
        };
        WarmUp.Result r = WarmUp.untilSettled(compiling, "warmup", Pattern.PLAINTEXT, 1_000, 1, 8, Sla.DEFAULT);
        assertTrue(r.settled());
        assertEquals(4, r.windows(), "the cost agreed from window 2, the JIT was quiet from window 4");
    }

    @Test
    void aRateTheServerCannotHoldIsFailedNotAveraged() throws Exception {
        EqualRate e = EqualRateRun.measure((kind, pattern, rate, seconds, sla) -> step(kind, rate, false, false, 9.0),
                NONE, PROFILE, Sla.DEFAULT, Pattern.BG, "s", 1, 5_000);
        assertEquals(EqualRateStatus.FAILED, e.status());
    }

    private static List<SoakWindow> soak(IntFunction<Double> cpu, IntFunction<Long> heap) {
        return IntStream.rangeClosed(1, 10).mapToObj(i -> new SoakWindow(i, step("soak", 1_000, true, false,
                cpu.apply(i)), heap.apply(i))).toList();
    }

    @Test
    void aSoakWithinTwentyPercentAndBoundedHeapIsFlat() {
        Soak s = SoakRun.judge("BG", "s", 1_000, soak(i -> 100.0 + (i % 3) * 5, i -> (40L + i % 2) << 20), null);
        assertEquals(SoakStatus.FLAT, s.status(), s.failure());
    }

    /**
     * Throughput that fell in the last windows while the host took 40 % of a CPU is the host's: the soak is not
     * judged (FAILED, with the reason), where the same windows without steal GROW.
     */
    @Test
    void aSoakWhoseLastWindowsTheHostDisturbedIsNotJudged() {
        IntFunction<SoakWindow> window = i -> new SoakWindow(i, step("soak", i > 7 ? 600 : 1_000, true, false,
                100.0), 40L << 20);
        List<SoakWindow> quiet = IntStream.rangeClosed(1, 10).mapToObj(window).toList();
        assertEquals(SoakStatus.GROWS, SoakRun.judge("BG", "s", 1_000, quiet, 1.0).status());
        List<SoakWindow> stolen = quiet.stream().map(w -> new SoakWindow(w.index(),
                stolen(w.step(), w.index() > 7 ? 0.4 : 0.0), w.heapAfterGcBytes())).toList();
        Soak host = SoakRun.judge("BG", "s", 1_000, stolen, 1.0);
        assertEquals(SoakStatus.FAILED, host.status(), host.failure());
        assertTrue(host.failure().contains("the host took 40 % of a CPU"), host.failure());
    }

    /** The Outbox of issue 15: each send copied everything sent before it, so CPU per request climbed per window. */
    @Test
    void aCostThatGrowsWithTheWorkDoneGrows() {
        Soak s = SoakRun.judge("BG", "s", 1_000, soak(i -> 100.0 * i, i -> 40L << 20), null);
        assertEquals(SoakStatus.GROWS, s.status());
        assertTrue(s.failure().contains("CPU per request"), s.failure());
    }

    /**
     * Both CPUs slowing down together is the machine, not the server: the injector's cost per request, the same work
     * in every window, steps up with the server's (measured: Jetty COPY x1.27, the injector x1.20 from window 5).
     */
    @Test
    void aCostThatRisesWithTheInjectorsIsTheMachinesDriftNotGrowth() {
        IntFunction<SoakWindow> drifting = i -> new SoakWindow(i, new Step("soak", 1_000, 1, 1_000, 1_000, 0, 1_000,
                1.0, 5.0, 10.0, i < 5 ? 45.0 : 58.0, 0.5, i < 5 ? 0.024 : 0.029, 0.0, true, false, null, null),
                40L << 20);
        Soak machine = SoakRun.judge("COPY", "s", 1_000, IntStream.rangeClosed(1, 10).mapToObj(drifting).toList(),
                null);
        assertEquals(SoakStatus.FLAT, machine.status(), machine.failure());
        assertEquals(1.289, machine.cpuGrowth());
        assertTrue(machine.judgedGrowth() < 1.1, machine.toString());

        IntFunction<SoakWindow> growing = i -> new SoakWindow(i, new Step("soak", 1_000, 1, 1_000, 1_000, 0, 1_000,
                1.0, 5.0, 10.0, i < 5 ? 45.0 : 58.0, 0.5, 0.024, 0.0, true, false, null, null), 40L << 20);
        Soak server = SoakRun.judge("COPY", "s", 1_000, IntStream.rangeClosed(1, 10).mapToObj(growing).toList(),
                null);
        assertEquals(SoakStatus.GROWS, server.status(), "the injector stayed flat: the server's own cost grew");
    }

    /**
     * A recompilation in the last windows is the JIT, not a cost of the work done: the windows of a measured Helidon
     * BG soak (9,544 req/s), whose C2 threads used 0.15 and 0.29 cores in windows 9 and 10 (x1.35 as measured).
     */
    @Test
    void aRecompilationInTheLastWindowsIsNotGrowth() {
        double[] cpu = {69.4, 49.8, 53.8, 46.9, 54.7, 51.1, 53.9, 54.4, 72.5, 85.7};
        double[] jit = {0.19, 0, 0, 0, 0, 0, 0, 0, 0.15, 0.29};
        double[] injector = {29.0, 27.6, 23.2, 26.6, 28.4, 26.1, 23.9, 26.7, 28.4, 31.0};
        List<SoakWindow> windows = IntStream.range(0, 10).mapToObj(i -> new SoakWindow(i + 1, new Step("soak", 9_544,
                1, 9_544, 9_544, 0, 9_544, 1.0, 10.0, 20.0, cpu[i], 0.6, injector[i] * 9_544 / 1e6, jit[i], true,
                false, null, null), 13L << 20)).toList();
        Soak s = SoakRun.judge("BG", "helidon", 9_544, windows, null);
        assertEquals(1.348, s.cpuGrowth());
        assertEquals(SoakStatus.FLAT, s.status(), s.failure());
        assertTrue(s.judgedGrowth() < 1.2, s.toString());
    }

    /**
     * The speed probe, not the injector, is the machine's drift when there is a reading: the windows of a measured
     * Jetty POOL soak (11,400 req/s), whose server cost fell x0.82 while the injector's alone rose x1.31 on its own
     * CPU; divided by the injector that read x0.63, "a warm-up too short", with the probe's x1.0 it is flat.
     */
    @Test
    void theProbesDriftIsPreferredToTheInjectors() {
        double[] cpu = {65.4, 53.6, 66.6, 66.3, 53.2, 53.3, 52.8, 56.9, 53.8, 53.7};
        double[] injectorCores = {0.32, 0.32, 0.299, 0.3, 0.34, 0.34, 0.3, 0.39, 0.41, 0.42};
        List<SoakWindow> windows = IntStream.range(0, 10).mapToObj(i -> new SoakWindow(i + 1, new Step("soak",
                11_416, 1, 11_400, 11_400, 0, 11_400, 1.0, 25.0, 40.0, cpu[i], cpu[i] * 0.0114, injectorCores[i], 0.0,
                true, false, null, null), 20L << 20)).toList();
        Soak byInjector = SoakRun.judge("POOL", "jetty", 11_416, windows, null);
        assertEquals(SoakStatus.FAILED, byInjector.status(), byInjector.toString());
        Soak byProbe = SoakRun.judge("POOL", "jetty", 11_416, windows, 1.01);
        assertEquals(SoakStatus.FLAT, byProbe.status(), byProbe.failure());
        assertEquals(1.01, byProbe.probeGrowth());
        assertTrue(Math.abs(byProbe.judgedGrowth() - 0.822 / 1.01) < 0.01, byProbe.toString());
    }

    /** One window with a young-GC pause more is not growth: the ends are medians of three windows. */
    @Test
    void oneCostlyLastWindowIsNotGrowth() {
        Soak s = SoakRun.judge("BG", "s", 1_000, soak(i -> i == 10 ? 150.0 : 100.0, i -> 40L << 20), null);
        assertEquals(SoakStatus.FLAT, s.status(), s.failure());
    }

    @Test
    void heapAfterGcClimbingPastTheSlackGrows() {
        Soak s = SoakRun.judge("BG", "s", 1_000, soak(i -> 100.0, i -> (40L + 20L * i) << 20), null);
        assertEquals(SoakStatus.GROWS, s.status());
        assertTrue(s.failure().contains("heap"), s.failure());
    }

    /** A fresh server still warming: cost falls window by window. That fails the bar, but it is not growth. */
    @Test
    void aCostThatFallsIsAWarmUpTooShortNotGrowth() {
        Soak s = SoakRun.judge("PLAINTEXT", "s", 1_000, soak(i -> 100.0 / i, i -> 40L << 20), null);
        assertEquals(SoakStatus.FAILED, s.status());
        assertTrue(s.failure().contains("warm-up was too short"), s.failure());
    }

    @Test
    void windowsThatMissedTheSlaAreNotedButAreNotTheBar() {
        List<SoakWindow> windows = IntStream.rangeClosed(1, 10).mapToObj(i -> new SoakWindow(i,
                step("soak", 1_000, i != 5, false, 100.0), 40L << 20)).toList();
        Soak s = SoakRun.judge("BG", "s", 1_000, windows, null);
        assertEquals(SoakStatus.FLAT, s.status());
        assertTrue(s.failure().contains("1 of 10 windows missed the SLA"), s.failure());
    }
}
