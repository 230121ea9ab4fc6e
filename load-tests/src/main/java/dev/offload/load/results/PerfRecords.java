package dev.offload.load.results;

import java.util.List;

/**
 * The typed records of the capacity, equal-rate and soak phases in {@code results.json} (schema
 * {@value #SCHEMA}): written by {@code dev.offload.load.LoadRun} through Jackson and read back into the same
 * records by the scorecard, so writer and reader cannot disagree on a key. Rates in req/s, latencies in ms, CPU in
 * µs of server process CPU time (all threads, JIT and GC included) per response, read from {@code /proc}.
 */
public final class PerfRecords {
    /**
     * Version 2 added {@code pinning}, {@code sla}, {@code capacity}, {@code equalRate} and {@code soak}; version 3
     * {@code serverJitCores} in every step, and the behaviour runs, calibration and environment became typed records
     * ({@link BehaviourRecords}, {@link ResultsFile}) with the same keys as before.
     */
    public static final String SCHEMA = "offload-load-results/3";

    private PerfRecords() {
    }

    /**
     * What a pattern is, for the report: request, connections, what bounds it ({@code cpu} or {@code concurrency}),
     * its equal rates, and for a concurrency-bound one the ceiling concurrency alone allows.
     */
    public record PatternInfo(String title, String request, int connections, String bound, List<Integer> equalRates,
                              Integer concurrencyCeilingRps) {}

    /** The SLA a capacity step must meet; the same for every pattern and server. */
    public record Sla(double maxP99Ms, long maxErrors, double minAchievedShare) {
        public static final Sla DEFAULT = new Sla(50, 0, 0.98);
    }

    /**
     * Where the processes ran: {@code serverCpus} and {@code injectorCpus} are {@code taskset -c} lists, or null
     * when pinning was not possible (fewer than 2 CPUs or no taskset) and both shared every CPU.
     */
    public record Pinning(boolean pinned, String serverCpus, String injectorCpus, int hostCpus, String note) {}

    /**
     * One constant-rate step (a search step, a warm-up or equal-rate window, a soak window), measured by Hyperfoil
     * on the injector and by {@code /proc} on the server. {@code generatorLimited}: the injector, not the server, ran
     * out (its CPU near its whole share, or requests left unsent while the server still had CPU to spare).
     * {@code serverJitCores}: the server's JIT compiler threads, in cores over the window (part of
     * {@code serverCores}); a warm-up is settled only once they are quiet. Cores are over the sending time.
     * {@code hostStolen}: the share of a CPU the hypervisor gave to another guest while this one had work ("steal"),
     * the larger of the server's and the injector's CPUs; null where not read. From {@link #HOST_DISTURBED} the step
     * says more about the host than about the server.
     */
    public record Step(String kind, int offeredRps, double seconds, long sent, long responses, long errors,
                       double achievedRps, Double p50Ms, Double p99Ms, Double maxMs, Double cpuMicrosPerRequest,
                       Double serverCores, Double injectorCores, Double serverJitCores, boolean slaMet,
                       boolean generatorLimited, String failure, Double hostStolen) {
        /** The share of a CPU stolen from which a step is disturbed by the host: 100 ms in a 2 s step. */
        public static final double HOST_DISTURBED = 0.05;

        /** The host took at least {@link #HOST_DISTURBED} of a CPU the step depends on. */
        public static boolean disturbedByHost(Step s) {
            return s.hostStolen() != null && s.hostStolen() >= HOST_DISTURBED;
        }
    }

    /** Capacity statuses: a measured ceiling, a ceiling the injector could not reach, or no result. */
    public enum CapacityStatus { OK, GENERATOR_LIMITED, FAILED }

    /**
     * The highest step rate that met the SLA, for one pattern on one server in one fresh JVM. {@code bound} says what
     * limits it: {@code cpu} (the pinned server core) or {@code concurrency} (FAN: in-flight requests x the slower
     * child's delay, not CPU). {@code warmupSettled}: the pattern's warm-up before the search settled (false: the
     * figure may include a JIT still at work). {@code probeMicros}: the machine's speed on the server's CPU around
     * the search, the mean of a {@code SpeedProbe} reading before the warm-up and one after the equal-rate windows
     * (µs for a fixed piece of work: higher is slower), so the scorecard can divide the machine's drift out.
     */
    public record Capacity(String pattern, String server, int rep, CapacityStatus status, Integer capacityRps,
                           Double cpuMicrosPerRequest, Double p99Ms, String bound, String failure,
                           Boolean warmupSettled, Double probeMicros, List<Step> steps) {
        public Capacity withProbeMicros(Double micros) {
            return new Capacity(pattern, server, rep, status, capacityRps, cpuMicrosPerRequest, p99Ms, bound, failure,
                    warmupSettled, micros, steps);
        }
    }

    /** Equal-rate statuses: the warm-up settled (two consecutive windows within 10 %), never settled, or failed. */
    public enum EqualRateStatus { OK, UNSTABLE, FAILED }

    /**
     * One pattern at one fixed rate, the same for both servers, after a warm-up verified by CPU µs/request: the
     * figures are the mean of the two consecutive windows that agreed within {@code tolerance}.
     */
    public record EqualRate(String pattern, String server, int rep, int rateRps, EqualRateStatus status,
                            Double cpuMicrosPerRequest, Double p50Ms, Double p99Ms, double tolerance,
                            String failure, List<Step> windows) {}

    /** Soak statuses: last window within the bar of the first and heap bounded, or not. */
    public enum SoakStatus { FLAT, GROWS, FAILED }

    /** One soak window: the step plus the server's heap after the last GC in it (from the server's GC log). */
    public record SoakWindow(int index, Step step, Long heapAfterGcBytes) {}

    /**
     * Cost growth: consecutive windows at one constant high rate on a fresh server. {@code cpuGrowth} and
     * {@code throughputGrowth} are the last windows ÷ the first ones (medians of three at each end, after the
     * warm-up), {@code p99GrowthMs} their difference; {@code injectorCpuGrowth} the same ratio of the injector's CPU
     * per request; {@code probeGrowth} the machine's own drift over the soak, a {@code SpeedProbe} reading on the
     * server's CPU after the windows ÷ one before them; {@code judgedGrowth}, the figure the bar judges, is the growth
     * of the server's CPU per request less its JIT compiler threads' (a recompilation is the code changing, not a cost
     * of the work done), divided by the probe's drift (by the injector's when there is no probe reading).
     * {@code heapGrowthBytes} is the last window's heap after GC minus the first's.
     */
    public record Soak(String pattern, String server, int rateRps, SoakStatus status, double bar, Double cpuGrowth,
                       Double injectorCpuGrowth, Double probeGrowth, Double judgedGrowth, Double p99GrowthMs, Double throughputGrowth,
                       Long heapGrowthBytes, String failure, List<SoakWindow> windows) {}
}
