package dev.offload.load;

import dev.offload.load.results.BehaviourRecords;
import dev.offload.load.results.BehaviourRecords.CalibrationStep;
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

    /** The criteria a calibration step is judged by, as the results file states them. */
    static String criteria() {
        return "a step is clean when no request failed, p99 <= " + CLEAN_P99_MS + " ms and at least "
                + Math.round(CLEAN_SENT_SHARE * 100) + " % of its requests were sent; the ceiling is the highest "
                + "step rate with it and every lower step clean";
    }

    /** Not run: every scenario's rate is under the first step, which is always clean on the reference machine. */
    static BehaviourRecords.Calibration notRun(double fraction, String note) {
        return new BehaviourRecords.Calibration(fraction, criteria(), null, null, List.of(), null, null, null, note,
                null);
    }

    /** The ceiling in req/s ({@code ceilingRps}), or null in it when none was found or it could not run. */
    static BehaviourRecords.Calibration run(GatlingContext ctx, Map<String, String> options, double fraction)
            throws IOException, InterruptedException {
        Profile profile = ctx.profile();
        Map<String, Path> servers = ctx.servers();
        Path output = ctx.output();
        if (options.containsKey("ceiling")) {
            long ceiling = Long.parseLong(options.get("ceiling"));
            return new BehaviourRecords.Calibration(fraction, criteria(), null, null, List.of(), null, ceiling,
                    Math.round(ceiling * fraction), "ceiling given on the command line; no calibration run", null);
        }
        String server = servers.keySet().stream().filter(name -> Files.exists(servers.get(name))).findFirst()
                .orElse(servers.keySet().iterator().next());
        LoadRun.progress("calibration: Gatling's clean ceiling on PLAINTEXT against " + server + ", steps "
                + profile.calibrationSteps() + " req/s x " + profile.stepSeconds() + " s");
        if (!Files.exists(servers.get(server))) {
            return new BehaviourRecords.Calibration(fraction, criteria(), server, profile.stepSeconds(), List.of(),
                    null, null, null, null, "server jar missing: " + servers.get(server));
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
                return new BehaviourRecords.Calibration(fraction, criteria(), server, profile.stepSeconds(),
                        List.of(), null, null, null, null, "Gatling wrote no report (exit " + outcome.exitCode()
                        + ")");
            }
            GatlingStats stats = GatlingStats.read(outcome.reportDir());
            List<CalibrationStep> steps = new ArrayList<>();
            boolean stillClean = true;
            Long best = null;
            for (int rate : profile.calibrationSteps()) {
                GatlingStats.RequestStats s = stats.request(CalibrationSimulation.requestName(rate));
                long expected = (long) rate * profile.stepSeconds();
                Double p99 = s == null ? null : s.latencyMs().p99();
                boolean clean = s != null && s.ko() == 0 && p99 != null && p99 <= CLEAN_P99_MS
                        && s.count() >= CLEAN_SENT_SHARE * expected;
                steps.add(new CalibrationStep(rate, s == null ? 0 : s.count(), s == null ? null : s.ko(), p99,
                        s == null ? null : s.latencyMs().max(), clean));
                stillClean &= clean;
                if (stillClean) {
                    best = (long) rate;
                }
            }
            LoadRun.progress("calibration: ceiling " + (best == null ? "not found (even the first step was not clean)"
                    : best + " req/s; scenario rates kept <= " + Math.round(best * fraction) + " req/s"));
            return new BehaviourRecords.Calibration(fraction, criteria(), server, profile.stepSeconds(),
                    List.copyOf(steps), ctx.relative(outcome.reportDir().resolve("index.html")), best,
                    best == null ? null : Math.round(best * fraction),
                    best != null && best.equals((long) profile.calibrationSteps().getLast())
                            ? "every step was clean: the real ceiling is above the last step" : null, null);
        }
    }
}
