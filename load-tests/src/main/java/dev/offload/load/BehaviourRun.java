package dev.offload.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.load.results.BehaviourRecords.Run;
import dev.offload.load.results.BehaviourRecords.RunStatus;
import dev.offload.load.results.BehaviourRecords.ServerStop;
import dev.offload.load.simulations.Markers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * One behaviour scenario against one server in a fresh JVM: Gatling drives it at its fixed rate while the server's
 * CPU counters are read at the edges of the measured window, then memory (peak RSS, heap after a GC) and the way it
 * stopped; {@link BehaviourFigures} turns Gatling's statistics and the simulation's sidecar into the run's figures.
 */
final class BehaviourRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> DRAINED_LINE = new TypeReference<>() { };
    private static final java.util.regex.Pattern HEAP_USED = java.util.regex.Pattern.compile("used (\\d+)K");

    private final GatlingContext ctx;

    BehaviourRun(GatlingContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Runs {@code scenario} at {@code rate} (its requested rate, or lower when the calibrated {@code ceiling} x
     * {@code fraction} is under it) and returns the run's record; never throws.
     */
    Run run(Scenario scenario, String server, int rep, int reps, int rate, int requestedRate, Long ceiling,
            double fraction, String remaining) {
        String id = scenario.name().toLowerCase(Locale.ROOT) + "-" + server + "-r" + rep;
        LoadRun.progress(String.format("%s x %s, rep %d/%d, %d req/s (about %s left)", scenario, server, rep,
                reps, rate, remaining));
        RunBuilder run = new RunBuilder(scenario.name(), server, rep, rate, rate < requestedRate,
                ceiling == null ? null : StepFigures.round(rate / (double) ceiling, 3),
                ceiling == null || rate > fraction * ceiling + 0.5);
        try {
            measure(scenario, server, rep, id, rate, run);
        } catch (Exception e) {
            run.failures.add("run crashed: " + e);
        }
        Run done = run.build();
        if (done.status() == RunStatus.FAILED) {
            LoadRun.progress("  FAILED: " + String.join("; ", done.failures()));
        } else {
            LoadRun.progress(String.format("  OK: p50 %s / p99 %s / max %s ms, %s us CPU per request, peak RSS %s MiB",
                    done.latencyMs().p50(), done.latencyMs().p99(), done.latencyMs().max(),
                    done.cpuMicrosPerRequest(), done.peakRssBytes() == null ? "?" : done.peakRssBytes() >> 20));
        }
        return done;
    }

    private void measure(Scenario scenario, String server, int rep, String id, int rate, RunBuilder run)
            throws IOException, InterruptedException {
        List<String> failures = run.failures;
        if (!Files.exists(ctx.servers().get(server))) {
            failures.add("server jar missing: " + ctx.servers().get(server) + " (build it: mvn -B -pl impl-" + server
                    + " package -DskipTests)");
            return;
        }
        Map<String, CostSnapshot> snapshots = new ConcurrentHashMap<>();
        Map<String, Long> serverMemory = new ConcurrentHashMap<>();
        try (ServerProcess process = ctx.startServer(server, scenario.serverConfig(), id)) {
            long[] injectorPid = {0};
            Map<String, String> props = new LinkedHashMap<>();
            props.put("load.baseUrl", "http://127.0.0.1:" + process.port());
            props.put("load.rate", Integer.toString(rate));
            props.put("load.warmupSeconds", Integer.toString(ctx.profile().warmupSeconds()));
            props.put("load.measureSeconds", Integer.toString(ctx.profile().measureSeconds()));
            Path sidecar = ctx.output().resolve("sidecar/" + id + ".json");
            props.put("load.sidecar", sidecar.toString());
            props.putAll(scenario.simulationProperties(ctx.profile()));

            GatlingProcess.Outcome outcome = ctx.gatling(scenario.simulation.getName(), props,
                    ctx.output().resolve("gatling/" + id), scenario + " " + server + " rep " + rep,
                    ctx.output().resolve("logs/" + id + "-gatling.log"),
                    pid -> injectorPid[0] = pid,
                    mark -> {
                        // read the counters first: this is the edge of the measured window
                        snapshots.putIfAbsent(mark, CostSnapshot.take(process.pid(), injectorPid[0]));
                        if (Markers.SIGTERM.equals(mark)) {
                            ProcFs.statusBytes(process.pid(), "VmHWM").ifPresent(v -> serverMemory.put("hwm", v));
                            process.sigterm();
                        }
                    });
            CostSnapshot atExit = CostSnapshot.take(process.pid(), 0);
            if (outcome.timedOut()) {
                failures.add("Gatling did not finish in time; killed");
            }
            // the server's own figures, before it is asked to stop
            if (process.alive() && scenario != Scenario.DRAIN) {
                ProcFs.statusBytes(process.pid(), "VmHWM").ifPresent(v -> serverMemory.put("hwm", v));
                heapAfterGc(process.pid()).ifPresent(v -> serverMemory.put("heap", v));
            } else if (scenario != Scenario.DRAIN) {
                failures.add(server + " exited during the run (exit " + process.exitCode() + ")");
            }
            if (process.alive() && scenario != Scenario.DRAIN) {
                process.sigterm();
            }
            JsonNode drained = process.awaitDrained(Duration.ofSeconds(45));

            // what Gatling measured
            if (outcome.reportDir() == null) {
                failures.add("Gatling wrote no report (exit " + outcome.exitCode() + "), see logs/" + id
                        + "-gatling.log");
                return;
            }
            run.report = ctx.relative(outcome.reportDir().resolve("index.html"));
            for (GatlingStats.AssertionResult a : GatlingStats.assertions(outcome.reportDir())) {
                if (!a.passed()) {
                    failures.add("Gatling assertion failed: " + a.description());
                }
            }
            if (outcome.exitCode() != 0 && failures.stream().noneMatch(f -> f.startsWith("Gatling assertion"))) {
                failures.add("Gatling exited with " + outcome.exitCode());
            }
            GatlingStats stats = GatlingStats.read(outcome.reportDir());
            run.errorMessages = GatlingStats.errors(ctx.output().resolve("logs/" + id + "-gatling.log"));
            JsonNode side = Files.exists(sidecar) ? JSON.readTree(sidecar.toFile()) : JSON.createObjectNode();
            BehaviourFigures.figures(ctx.profile(), scenario, rate, stats, side, run);

            // what it cost the server
            CostSnapshot start = snapshots.get(Markers.MEASURE_START);
            CostSnapshot end = snapshots.getOrDefault(
                    scenario == Scenario.DRAIN ? Markers.SIGTERM : Markers.MEASURE_END, atExit);
            cost(start, end, loadRequests(scenario, stats), run);
            run.peakRssBytes = serverMemory.get("hwm");
            run.heapAfterGcBytes = serverMemory.get("heap");
            if (scenario == Scenario.DRAIN) {
                run.heapNote = "not measured: the server is stopped by the scenario itself";
            }

            // how it stopped
            run.serverStop = new ServerStop(process.exitCode(),
                    drained == null ? null : JSON.convertValue(drained, DRAINED_LINE), process.drainedLineWasLast());
            if (scenario == Scenario.DRAIN) {
                BehaviourFigures.drainCheck(side, drained, process, run);
            }
        }
    }


    /** Requests whose cost the server paid in the measured window. */
    private static long loadRequests(Scenario scenario, GatlingStats stats) {
        long n = 0;
        for (String name : scenario.requests) {
            GatlingStats.RequestStats s = stats.request(name);
            n += s == null ? 0 : s.count();
        }
        return n;
    }

    private void cost(CostSnapshot start, CostSnapshot end, long requests, RunBuilder run) {
        long clockTicks = ctx.clockTicks();
        if (start == null || end == null || start.serverTicks() == null || end.serverTicks() == null) {
            run.costNote = "measured window not seen (no measure-start mark or the server was gone)";
            return;
        }
        double cpuMs = (end.serverTicks() - start.serverTicks()) * 1000.0 / clockTicks;
        long windowMs = end.epochMs() - start.epochMs();
        run.windowMs = windowMs;
        run.serverCpuMs = StepFigures.round(cpuMs, 0);
        run.serverCpuCores = windowMs > 0 ? StepFigures.round(cpuMs / windowMs, 3) : null;
        run.cpuMicrosPerRequest = requests > 0 ? StepFigures.round(cpuMs * 1000 / requests, 1) : null;
        if (start.injectorTicks() != null && end.injectorTicks() != null && requests > 0) {
            double injectorMs = (end.injectorTicks() - start.injectorTicks()) * 1000.0 / clockTicks;
            run.injectorCpuMicrosPerRequest = StepFigures.round(injectorMs * 1000 / requests, 1);
        }
        long total = end.hostTotalTicks() - start.hostTotalTicks();
        run.hostCpuBusyPercent = total > 0
                ? StepFigures.round(100.0 * (end.hostBusyTicks() - start.hostBusyTicks()) / total, 1) : null;
    }

    private static OptionalLong heapAfterGc(long pid) {
        if (Jdk.jcmd(pid, "GC.run") == null) {
            return OptionalLong.empty();
        }
        String info = Jdk.jcmd(pid, "GC.heap_info");
        if (info == null) {
            return OptionalLong.empty();
        }
        Matcher m = HEAP_USED.matcher(info);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024)
                : OptionalLong.empty();
    }

}
