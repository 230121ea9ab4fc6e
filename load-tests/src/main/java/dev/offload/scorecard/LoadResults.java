package dev.offload.scorecard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.load.results.BehaviourRecords;
import dev.offload.load.results.BehaviourRecords.DrainFigures;
import dev.offload.load.results.BehaviourRecords.Latency;
import dev.offload.load.results.BehaviourRecords.PoolFigures;
import dev.offload.load.results.BehaviourRecords.RunStatus;
import dev.offload.load.results.BehaviourRecords.ScenarioInfo;
import dev.offload.load.results.PerfRecords;
import dev.offload.load.results.ResultsFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The load phase's {@code results.json} (schema {@value PerfRecords#SCHEMA}, written by
 * {@code dev.offload.load.LoadRun}): one entry per scenario × server × fresh-JVM repetition, the injector's
 * calibration ceiling, and the environment the servers ran in. The orchestrator rewrites the file after every run and
 * on a crash, so a file with {@code error} set holds the runs that finished before it.
 * The Hyperfoil phases (capacity, equal-rate, soak) are in {@code perf}, read into the writer's own records.
 *
 * @param planned   the scenarios the profile meant to run, so a scenario with no run at all still gets a row, each
 *                  with what it does (title, server settings it needs)
 * @param error     the orchestrator's own failure (crash, server that never started); null when it ran through
 */
record LoadResults(String profile, String status, String error, Double ceilingRps, Double ceilingFraction,
                   String calibrationServer, String calibrationReport, String calibrationCriteria,
                   List<Step> calibrationSteps, Map<String, String> environment, Map<String, String> planned,
                   List<Run> runs, PerfData perf) {

    /** One step of the injector's calibration against PLAINTEXT; the ceiling is the highest clean one. */
    record Step(double rate, long count, long ko, double p99Ms, boolean clean) {}

    /** The scenarios in the order the report shows them; PLAINTEXT first, as every ratio refers to it. */
    static final List<String> SCENARIOS = List.of("PLAINTEXT", "COPY", "BG", "POOL", "FAN", "TIMEOUT", "DRAIN");

    /**
     * One scenario against one server in one fresh JVM. {@code failure} is non-null when the run failed (assertion,
     * lost job, crash); its figures may then be partial or absent (NaN). Latencies in ms, memory in MB.
     * {@code source} is the run as the orchestrator wrote it; the scenario's own figures are read from it through
     * the functions below ({@link #REJECTED_SHARE} …).
     */
    record Run(String scenario, String server, int rep, String failure, double rate, double achievedRate,
               Boolean nearCeiling, long count, Map<String, Long> statusMix, long errors, double p50, double p95,
               double p99, double max, double cpuMicrosPerRequest, double peakRssMb, double heapAfterGcMb,
               double hostCpuBusyPercent, String report, BehaviourRecords.Run source) {

        boolean failed() {
            return failure != null;
        }
    }

    static final ToDoubleFunction<Run> REJECTED_SHARE = r -> pool(r, PoolFigures::rejectedShare);
    static final ToDoubleFunction<Run> REJECTED_P99 = r -> pool(r, PoolFigures::rejectedP99Ms);
    static final ToDoubleFunction<Run> POOL_ACCEPTED = r -> pool(r, PoolFigures::accepted);
    static final ToDoubleFunction<Run> LOST = r -> pool(r, PoolFigures::lost);
    static final ToDoubleFunction<Run> DEADLINE = r -> r.source().timeout() == null ? Double.NaN
            : r.source().timeout().deadlineMs();
    static final ToDoubleFunction<Run> OVERSHOOT_P99 = r -> r.source().timeout() == null
            || r.source().timeout().overshootMs() == null ? Double.NaN : num(r.source().timeout().overshootMs().p99());
    static final ToDoubleFunction<Run> SLOWER_CHILD = r -> r.source().fan() == null ? Double.NaN
            : r.source().fan().slowerChildMs();
    static final ToDoubleFunction<Run> DRAIN_ACCEPTED = r -> drain(r, DrainFigures::accepted);
    static final ToDoubleFunction<Run> COMPLETED = r -> drain(r, DrainFigures::completed);
    static final ToDoubleFunction<Run> ABANDONED = r -> drain(r, DrainFigures::abandonedCount);

    private static double pool(Run r, Function<PoolFigures, Number> figure) {
        return r.source().pool() == null ? Double.NaN : num(figure.apply(r.source().pool()));
    }

    private static double drain(Run r, Function<DrainFigures, Number> figure) {
        return r.source().drain() == null ? Double.NaN : num(figure.apply(r.source().drain()));
    }

    private static final double MB = 1024 * 1024;
    /** Unknown keys are skipped: a version-1 or -2 file reads with what it has, a newer one with what this knows. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    List<String> servers() {
        return java.util.stream.Stream.concat(runs.stream().map(Run::server),
                perf.capacity().stream().map(c -> c.server())).distinct().sorted().toList();
    }

    /** Planned and run scenarios, in {@link #SCENARIOS} order, unknown ones after. */
    List<String> scenarios() {
        List<String> all = new ArrayList<>(planned.keySet());
        runs.stream().map(Run::scenario).filter(s -> !all.contains(s)).forEach(all::add);
        List<String> out = new ArrayList<>(SCENARIOS.stream().filter(all::contains).toList());
        all.stream().filter(s -> !out.contains(s)).forEach(out::add);
        return out;
    }

    List<Run> runs(String scenario, String server) {
        return runs.stream().filter(r -> r.scenario().equals(scenario) && r.server().equals(server)).toList();
    }

    static LoadResults parse(JsonNode root) {
        ResultsFile file;
        try {
            file = JSON.treeToValue(root, ResultsFile.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("results.json: cannot read it as " + PerfRecords.SCHEMA + ": "
                    + e.getMessage(), e);
        }
        List<Run> runs = new ArrayList<>();
        for (BehaviourRecords.Run r : file.runs() == null ? List.<BehaviourRecords.Run>of() : file.runs()) {
            // anything but OK failed: RUNNING means the orchestrator died during that run
            String failure = r.status() == RunStatus.OK ? null : r.failures() != null && !r.failures().isEmpty()
                    ? String.join("; ", r.failures()) : "run " + r.status() + " (" + (r.status() == RunStatus.RUNNING
                    ? "did not finish" : "no reason recorded") + ")";
            Latency latency = r.latencyMs() == null ? new Latency(null, null, null, null, null, null, null)
                    : r.latencyMs();
            runs.add(new Run(r.scenario(), r.server().toLowerCase(Locale.ROOT), Math.max(1, r.rep()), failure,
                    r.rate(), num(r.achievedRps()), r.nearCeiling(), r.count() == null ? 0 : r.count(),
                    r.statusMix() == null ? Map.of() : new TreeMap<>(r.statusMix()), r.ko() == null ? 0 : r.ko(),
                    num(latency.p50()), num(latency.p95()), num(latency.p99()), num(latency.max()),
                    num(r.cpuMicrosPerRequest()), num(r.peakRssBytes()) / MB, num(r.heapAfterGcBytes()) / MB,
                    num(r.hostCpuBusyPercent()), r.report(), r));
        }
        // the environment is shown as a table of whatever it records
        Map<String, String> env = new LinkedHashMap<>();
        root.path("environment").properties().forEach(e -> env.put(e.getKey(), text(e.getValue())));
        Map<String, String> planned = new LinkedHashMap<>();
        (file.scenarios() == null ? Map.<String, ScenarioInfo>of() : file.scenarios()).forEach((name, info) -> {
            Map<String, String> config = info.serverConfig() == null ? Map.of() : info.serverConfig();
            planned.put(name, (info.title() == null ? "" : info.title()) + (config.isEmpty() ? ""
                    : " (server: " + String.join(", ", config.entrySet().stream()
                    .map(c -> c.getKey() + "=" + c.getValue()).toList()) + ")"));
        });
        BehaviourRecords.Calibration cal = file.calibration();
        List<Step> steps = new ArrayList<>();
        if (cal != null && cal.steps() != null) {
            cal.steps().forEach(s -> steps.add(new Step(s.rate(), s.count(), s.ko() == null ? 0 : s.ko(),
                    num(s.p99Ms()), s.clean())));
        }
        return new LoadResults(file.profile() == null ? "?" : file.profile(),
                file.status() == null ? "?" : file.status().name(), file.error(),
                cal == null || cal.ceilingRps() == null ? null : cal.ceilingRps().doubleValue(),
                cal == null ? null : cal.fraction(), cal == null ? null : cal.server(),
                cal == null ? null : cal.report(), cal == null ? null : cal.criteria(), steps, env, planned, runs,
                PerfData.parse(root));
    }

    /** A number, or NaN when absent: "not measured" must never read as 0. */
    private static double num(Number n) {
        return n == null ? Double.NaN : n.doubleValue();
    }

    private static String text(JsonNode v) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.asText()));
            return String.join(" ", parts);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

}
