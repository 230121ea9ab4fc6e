package dev.offload.load.results;

import java.util.List;
import java.util.Map;

/**
 * The typed records of the Gatling behaviour phase and of the run's frame in {@code results.json} (schema
 * {@value PerfRecords#SCHEMA}): written by {@code dev.offload.load.LoadRun} through Jackson, read back into the same
 * records by the scorecard, like {@link PerfRecords}. Latencies in ms, CPU in µs of server process CPU time per
 * request, memory in bytes. A figure that was not measured is null, never 0.
 */
public final class BehaviourRecords {
    private BehaviourRecords() {
    }

    /**
     * How a run ended: every check held, or at least one did not ({@link Run#failures} says which). RUNNING is a run
     * the orchestrator died in (earlier writers recorded a run before it finished); the scorecard counts it failed.
     */
    public enum RunStatus { RUNNING, OK, FAILED }

    /** Gatling's response-time figures of one request name: p50..p999 are gatling.conf's percentiles1..4. */
    public record Latency(Double min, Double p50, Double p95, Double p99, Double p999, Double max, Double mean) {}

    /** One request name of a run, measured phase only (warm-up requests carry other names). */
    public record RequestFigures(long count, long ok, long ko, Latency latencyMs) {}

    /** One line of Gatling's error table: a KO's message and how often it occurred. */
    public record ErrorMessage(String message, long count) {}

    /** The simulation's own latency figures for one HTTP status (HdrHistogram in the Gatling JVM). */
    public record StatusLatency(long count, Long p50, Long p95, Long p99, Long max, Double mean) {}

    /** POOL overload: what the bounded pool accepted and refused, and whether every accepted job was verified. */
    public record PoolFigures(int capacityPerSecond, double overload, long accepted, long rejected,
                              Double rejectedShare, Long rejectedP99Ms, Long acceptedP99Ms, long acceptedAllPhases,
                              long verifiedSucceeded, long lost) {}

    /** How far past the deadline the 408s came, per percentile. */
    public record Overshoot(Double p50, Double p95, Double p99, Double max) {}

    /** TIMEOUT: the deadline, the 408s' overshoot past it, the in-time requests' latency. */
    public record TimeoutFigures(long deadlineMs, Overshoot overshootMs, Latency inTimeLatencyMs) {}

    /** FAN: the slower child's delay (the latency floor) and how far above it the answers came. */
    public record FanFigures(int slowerChildMs, Double p50MinusSlowerChildMs, Double p99MinusSlowerChildMs) {}

    /**
     * DRAIN's accounting after SIGTERM: jobs answered 202 against the server's {@code drained} line. Null figures
     * when the server printed no drained line.
     */
    public record DrainFigures(int accepted, long unansweredAfterSigterm, Map<String, Long> afterSigtermStatusMix,
                               Integer exitCode, Long completed, List<String> abandoned, Integer abandonedCount,
                               List<String> acceptedButAbandoned, boolean accountedFor, Boolean drainedLineWasLast) {}

    /** How the server stopped after the run: exit code and its {@code drained} line as printed. */
    public record ServerStop(Integer exitCode, Map<String, Object> drainedLine, boolean drainedLineWasLast) {}

    /**
     * One behaviour scenario against one server in one fresh JVM. {@code rate} is what Gatling was asked for
     * ({@code rateClamped}: lowered to the calibrated ceiling's share); {@code request} names the headline request
     * whose latency is {@code latencyMs}; {@code count}/{@code ok}/{@code ko} sum the scenario's measured requests;
     * the cost figures come from {@code /proc} around the measured window ({@code costNote} when there was none).
     * Exactly one of {@code pool}, {@code timeout}, {@code fan}, {@code drain} is set, for the scenario it names.
     */
    public record Run(String scenario, String server, int rep, RunStatus status, List<String> failures, int rate,
                      boolean rateClamped, Double rateFractionOfCeiling, boolean nearCeiling, String report,
                      List<ErrorMessage> errorMessages, String request, Long count, Long ok, Long ko, Long errors,
                      Double achievedRps, Latency latencyMs, Map<String, RequestFigures> requests,
                      Map<String, Long> statusMix, Map<String, StatusLatency> byStatusMs, PoolFigures pool,
                      TimeoutFigures timeout, FanFigures fan, DrainFigures drain, Long windowMs, Double serverCpuMs,
                      Double serverCpuCores, Double cpuMicrosPerRequest, Double injectorCpuMicrosPerRequest,
                      Double hostCpuBusyPercent, String costNote, Long peakRssBytes, Long heapAfterGcBytes,
                      String heapNote, ServerStop serverStop) {}

    /** One step of Gatling's calibration against PLAINTEXT: clean when nothing failed, p99 low, nearly all sent. */
    public record CalibrationStep(int rate, long count, Long ko, Double p99Ms, Double maxMs, boolean clean) {}

    /**
     * Gatling's clean ceiling on PLAINTEXT: the behaviour scenarios' rates stay under {@code fraction} of it.
     * {@code note} says when it was not run or given on the command line; {@code error} when it could not run.
     */
    public record Calibration(double fraction, String criteria, String server, Integer stepSeconds,
                              List<CalibrationStep> steps, String report, Long ceilingRps, Long maxScenarioRate,
                              String note, String error) {}

    /** A planned behaviour scenario: what it does, its rate, the request names it measures, its settings. */
    public record ScenarioInfo(String title, String simulation, int requestedRate, List<String> requests,
                               Map<String, String> serverConfig, Map<String, String> simulationProperties) {}

    /** A server under test: its name and runnable jar. */
    public record ServerJar(String name, String jar) {}

    /** The machine, JDK and flags the run ran with. */
    public record Environment(int cores, String os, String kernel, String javaVersion, String javaVm,
                              String javaHome, List<String> serverJvmFlags, List<String> injectorJvmFlags,
                              List<String> hyperfoilJvmFlags, String gatlingVersion, String hyperfoilVersion,
                              long clockTicksPerSecond, String loadAverageAtStart, List<ServerJar> servers,
                              int warmupSeconds, int measureSeconds, int reps, String percentiles, String note) {}
}
