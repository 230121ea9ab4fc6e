package dev.offload.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load phase's {@code results.json} (schema {@code offload-load-results/2}, written by
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
     * {@code extras} holds the scenario's own figures flattened to dotted keys, see the {@code X_} constants.
     */
    record Run(String scenario, String server, int rep, String failure, double rate, double achievedRate,
               Boolean nearCeiling, long count, Map<String, Long> statusMix, long errors, double p50, double p95,
               double p99, double max, double cpuMicrosPerRequest, double peakRssMb, double heapAfterGcMb,
               double hostCpuBusyPercent, String report, Map<String, Double> extras) {

        boolean failed() {
            return failure != null;
        }

        double extra(String key) {
            return extras.getOrDefault(key, Double.NaN);
        }
    }

    static final String X_REJECTED_SHARE = "pool.rejectedShare";
    static final String X_REJECTED_P99 = "pool.rejectedP99Ms";
    static final String X_POOL_ACCEPTED = "pool.accepted";
    static final String X_LOST = "pool.lost";
    static final String X_DEADLINE = "timeout.deadlineMs";
    static final String X_OVERSHOOT_P99 = "timeout.overshootMs.p99";
    static final String X_SLOWER_CHILD = "fan.slowerChildMs";
    static final String X_DRAIN_ACCEPTED = "drain.accepted";
    static final String X_COMPLETED = "drain.completed";
    static final String X_ABANDONED = "drain.abandonedCount";

    private static final double MB = 1024 * 1024;

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
        List<Run> runs = new ArrayList<>();
        for (JsonNode r : root.path("runs")) {
            Map<String, Double> extras = new LinkedHashMap<>();
            for (String scenarioObject : List.of("pool", "timeout", "fan", "drain")) {
                flatten(scenarioObject, r.path(scenarioObject), extras);
            }
            List<String> failures = new ArrayList<>();
            r.path("failures").forEach(f -> failures.add(f.asText()));
            // Anything but OK failed: RUNNING means the orchestrator died during that run.
            String status = r.path("status").asText("?");
            String failure = status.equals("OK") ? null : !failures.isEmpty() ? String.join("; ", failures)
                    : "run " + status + " (" + (status.equals("RUNNING") ? "did not finish" : "no reason recorded")
                    + ")";
            JsonNode latency = r.path("latencyMs");
            runs.add(new Run(r.path("scenario").asText(), r.path("server").asText().toLowerCase(Locale.ROOT),
                    r.path("rep").asInt(1), failure,
                    num(r, "rate"), num(r, "achievedRps"),
                    r.path("nearCeiling").isBoolean() ? r.get("nearCeiling").asBoolean() : null,
                    r.path("count").asLong(), longs(r.path("statusMix")), r.path("errors").asLong(),
                    num(latency, "p50"), num(latency, "p95"), num(latency, "p99"), num(latency, "max"),
                    num(r, "cpuMicrosPerRequest"), num(r, "peakRssBytes") / MB, num(r, "heapAfterGcBytes") / MB,
                    num(r, "hostCpuBusyPercent"), r.hasNonNull("report") ? r.get("report").asText() : null, extras));
        }
        Map<String, String> env = new LinkedHashMap<>();
        root.path("environment").properties().forEach(e -> env.put(e.getKey(), text(e.getValue())));
        Map<String, String> planned = new LinkedHashMap<>();
        root.path("scenarios").properties().forEach(e -> {
            JsonNode config = e.getValue().path("serverConfig");
            planned.put(e.getKey(), e.getValue().path("title").asText("") + (config.isEmpty() ? ""
                    : " (server: " + String.join(", ", config.properties().stream()
                    .map(c -> c.getKey() + "=" + c.getValue().asText()).toList()) + ")"));
        });
        JsonNode cal = root.path("calibration");
        List<Step> steps = new ArrayList<>();
        cal.path("steps").forEach(s -> steps.add(new Step(num(s, "rate"), s.path("count").asLong(),
                s.path("ko").asLong(), num(s, "p99Ms"), s.path("clean").asBoolean())));
        return new LoadResults(root.path("profile").asText("?"), root.path("status").asText("?"),
                root.hasNonNull("error") ? root.get("error").asText() : null,
                cal.path("ceilingRps").isNumber() ? cal.get("ceilingRps").asDouble() : null,
                cal.path("fraction").isNumber() ? cal.get("fraction").asDouble() : null,
                cal.hasNonNull("server") ? cal.get("server").asText() : null,
                cal.hasNonNull("report") ? cal.get("report").asText() : null,
                cal.hasNonNull("criteria") ? cal.get("criteria").asText() : null, steps, env, planned, runs,
                PerfData.parse(root));
    }

    /** Numbers of a nested object as dotted keys: {@code timeout.overshootMs.p99}; arrays and text are skipped. */
    private static void flatten(String prefix, JsonNode node, Map<String, Double> out) {
        node.properties().forEach(e -> {
            if (e.getValue().isNumber()) {
                out.put(prefix + "." + e.getKey(), e.getValue().asDouble());
            } else if (e.getValue().isObject()) {
                flatten(prefix + "." + e.getKey(), e.getValue(), out);
            }
        });
    }

    private static String text(JsonNode v) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.asText()));
            return String.join(" ", parts);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** A number, or NaN when absent or null: "not measured" must never read as 0. */
    private static double num(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static Map<String, Long> longs(JsonNode node) {
        Map<String, Long> out = new TreeMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }
}
