package dev.offload.load;

import dev.offload.load.simulations.CalibrationSimulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gatling's clean ceiling on PLAINTEXT against the first server that exists: the behaviour scenarios' rates then stay
 * under a stated share of it. Skipped when every scenario's rate is under the first calibration step, which is always
 * clean on the reference machine (the behaviour scenarios run at 60–800 req/s).
 */
final class Calibration {
    /**
     * A calibration step is clean when nothing failed, nearly all of it was sent and its p99 stayed under this: an
     * injector that falls behind its schedule shows as p99 in seconds; a busy shared machine alone stays below it.
     */
    static final long CLEAN_P99_MS = 250;
    static final double CLEAN_SENT_SHARE = 0.9;

    private Calibration() {
    }

    /** Fills {@code cal} and returns the ceiling in req/s, or null when none was found or it was not run. */
    static Long run(GatlingContext ctx, Map<String, String> options, double fraction, Map<String, Object> cal)
            throws IOException, InterruptedException {
        Profile profile = ctx.profile();
        Map<String, Path> servers = ctx.servers();
        Path output = ctx.output();
        Long ceiling = null;
        cal.put("fraction", fraction);
        cal.put("criteria", "a step is clean when no request failed, p99 <= " + CLEAN_P99_MS + " ms and at least "
                + Math.round(CLEAN_SENT_SHARE * 100) + " % of its requests were sent; the ceiling is the highest "
                + "step rate with it and every lower step clean");
        if (options.containsKey("ceiling")) {
            ceiling = Long.parseLong(options.get("ceiling"));
            cal.put("ceilingRps", ceiling);
            cal.put("maxScenarioRate", Math.round(ceiling * fraction));
            cal.put("note", "ceiling given on the command line; no calibration run");
            return ceiling;
        }
        String server = servers.keySet().stream().filter(name -> Files.exists(servers.get(name))).findFirst()
                .orElse(servers.keySet().iterator().next());
        cal.put("server", server);
        cal.put("stepSeconds", profile.stepSeconds());
        LoadRun.progress("calibration: Gatling's clean ceiling on PLAINTEXT against " + server + ", steps "
                + profile.calibrationSteps() + " req/s x " + profile.stepSeconds() + " s");
        if (!Files.exists(servers.get(server))) {
            cal.put("error", "server jar missing: " + servers.get(server));
            return ceiling;
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("load.steps", String.join(",", profile.calibrationSteps().stream().map(String::valueOf).toList()));
        props.put("load.stepSeconds", Integer.toString(profile.stepSeconds()));
        props.put("load.warmupSeconds", Integer.toString(profile.warmupSeconds()));
        Path results = output.resolve("gatling/calibration");
        try (ServerProcess process = ctx.startServer(server, Map.of(), "calibration")) {
            props.put("load.baseUrl", "http://127.0.0.1:" + process.port());
            GatlingProcess.Outcome outcome = ctx.gatling(CalibrationSimulation.class.getName(), props, results,
                    "calibration against " + server, output.resolve("logs/calibration-gatling.log"),
                    pid -> { }, mark -> { });
            process.sigterm();
            process.awaitDrained(Duration.ofSeconds(40));
            if (outcome.reportDir() == null) {
                cal.put("error", "Gatling wrote no report (exit " + outcome.exitCode() + ")");
                return ceiling;
            }
            GatlingStats stats = GatlingStats.read(outcome.reportDir());
            List<Map<String, Object>> steps = new ArrayList<>();
            boolean stillClean = true;
            Long best = null;
            for (int rate : profile.calibrationSteps()) {
                GatlingStats.RequestStats s = stats.request(CalibrationSimulation.requestName(rate));
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("rate", rate);
                long expected = (long) rate * profile.stepSeconds();
                boolean clean = s != null && s.ko() == 0 && s.latencyMs().get("p99") != null
                        && s.latencyMs().get("p99") <= CLEAN_P99_MS && s.count() >= CLEAN_SENT_SHARE * expected;
                step.put("count", s == null ? 0 : s.count());
                step.put("ko", s == null ? null : s.ko());
                step.put("p99Ms", s == null ? null : s.latencyMs().get("p99"));
                step.put("maxMs", s == null ? null : s.latencyMs().get("max"));
                step.put("clean", clean);
                steps.add(step);
                stillClean &= clean;
                if (stillClean) {
                    best = (long) rate;
                }
            }
            cal.put("steps", steps);
            cal.put("report", ctx.relative(outcome.reportDir().resolve("index.html")));
            ceiling = best;
            cal.put("ceilingRps", best);
            cal.put("maxScenarioRate", best == null ? null : Math.round(best * fraction));
            if (best != null && best.equals((long) profile.calibrationSteps().getLast())) {
                cal.put("note", "every step was clean: the real ceiling is above the last step");
            }
            LoadRun.progress("calibration: ceiling " + (best == null ? "not found (even the first step was not clean)"
                    : best + " req/s; scenario rates kept <= " + Math.round(best * fraction) + " req/s"));
        }
        return ceiling;
    }
}
