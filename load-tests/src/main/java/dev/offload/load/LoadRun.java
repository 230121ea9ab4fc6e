package dev.offload.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.offload.load.simulations.CalibrationSimulation;
import dev.offload.load.simulations.Markers;
import dev.offload.load.simulations.OffloadSimulation;
import dev.offload.load.simulations.TimeoutSimulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The orchestrator: calibrates the injector, then for every repetition, scenario and server starts the server as its
 * own JVM from its runnable jar, runs the scenario's Gatling simulation against it in another JVM, reads the server's
 * CPU time, peak RSS and heap after GC from the server process, stops it with SIGTERM, and writes
 * {@code results.json} (rewritten after every run, and also when something crashes). Gatling's HTML reports stay
 * under {@code gatling/}, logs under {@code logs/}.
 *
 * <p>Exit code 0 when every run behaved; 1 when any run failed (a Gatling assertion, a lost or abandoned job, a
 * server that did not start or stop) or the orchestrator itself failed.
 *
 * <p>Settings, as {@code key=value} (a leading {@code --} is optional): {@code profile} (quick|full),
 * {@code servers} (name=jar,...), {@code output}, {@code scenarios} (comma list), {@code reps}, {@code fraction}
 * (share of the calibrated ceiling no scenario rate may exceed, default 0.5), {@code ceiling} (skip calibration and
 * use this req/s), {@code rates} (SCENARIO:rate,... overrides).
 */
public final class LoadRun {
    static final String SCHEMA = "offload-load-results/1";
    /** Every server JVM gets exactly these flags: fixed heap, explicit GC, so the figures compare. */
    static final List<String> SERVER_JVM_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");
    static final double DEFAULT_FRACTION = 0.5;
    /**
     * A calibration step is clean when nothing failed, nearly all of it was sent and its p99 stayed under this: an
     * injector that falls behind its schedule shows as p99 in seconds; a busy shared machine alone stays below it.
     */
    static final long CLEAN_P99_MS = 250;
    static final double CLEAN_SENT_SHARE = 0.9;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Map<String, String> options;
    private final Profile profile;
    private final Map<String, Path> servers;
    private final Path output;
    private final List<Scenario> scenarios;
    private final double fraction;
    private final Map<Scenario, Integer> rateOverrides = new LinkedHashMap<>();
    private final long clockTicks = ProcFs.clockTicksPerSecond();

    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<Map<String, Object>> runs = new ArrayList<>();
    private Long ceiling;
    private long deadlineNanos;

    LoadRun(Map<String, String> options) {
        this.options = options;
        Profile p = Profile.named(options.getOrDefault("profile", "quick"));
        this.profile = options.containsKey("reps") ? p.withReps(Integer.parseInt(options.get("reps"))) : p;
        this.servers = parseServers(options.getOrDefault("servers",
                "helidon=impl-helidon/target/offload-helidon.jar,jetty=impl-jetty/target/offload-jetty.jar"));
        this.output = Path.of(options.getOrDefault("output", "target/load")).toAbsolutePath().normalize();
        this.scenarios = options.containsKey("scenarios")
                ? Arrays.stream(options.get("scenarios").split(",")).map(String::trim)
                .map(s -> Scenario.valueOf(s.toUpperCase(Locale.ROOT))).toList()
                : List.of(Scenario.values());
        this.fraction = Double.parseDouble(options.getOrDefault("fraction", Double.toString(DEFAULT_FRACTION)));
        if (options.containsKey("rates")) {
            for (String pair : options.get("rates").split(",")) {
                String[] kv = pair.split(":");
                rateOverrides.put(Scenario.valueOf(kv[0].trim().toUpperCase(Locale.ROOT)),
                        Integer.parseInt(kv[1].trim()));
            }
        }
    }

    public static void main(String[] args) {
        Map<String, String> options = parseOptions(args);
        LoadRun run;
        try {
            run = new LoadRun(options);
        } catch (RuntimeException e) {
            System.err.println("[load] bad settings: " + e.getMessage());
            System.exit(1);
            return;
        }
        int code = run.execute();
        System.exit(code);
    }

    /** Runs everything; never throws: a crash is written into results.json and gives exit code 1. */
    int execute() {
        results.put("schema", SCHEMA);
        results.put("profile", profile.name());
        results.put("status", "RUNNING");
        results.put("error", null);
        results.put("startedAt", Instant.now().toString());
        results.put("finishedAt", null);
        results.put("environment", environment());
        results.put("calibration", null);
        results.put("scenarios", scenarioTable());
        results.put("runs", runs);
        try {
            prepareOutput();
            write();
            deadlineNanos = System.nanoTime() + estimateSeconds() * 1_000_000_000L;
            calibrate();
            for (int rep = 1; rep <= profile.reps(); rep++) {
                for (Scenario scenario : scenarios) {
                    for (String server : serverOrder(rep)) {
                        runs.add(runOne(scenario, server, rep));
                        write();
                    }
                }
            }
            boolean allOk = runs.stream().allMatch(r -> "OK".equals(r.get("status")));
            results.put("status", allOk ? "OK" : "FAILED");
            summary();
            return allOk ? 0 : 1;
        } catch (Exception e) {
            results.put("status", "FAILED");
            results.put("error", e.toString());
            System.err.println("[load] crashed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            results.put("finishedAt", Instant.now().toString());
            try {
                write();
                System.out.println("[load] results: " + output.resolve("results.json"));
            } catch (IOException e) {
                System.err.println("[load] cannot write results.json: " + e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // calibration

    /**
     * Finds the injector's clean ceiling on PLAINTEXT against the first server that exists; scenario rates then stay
     * under the stated share of it.
     */
    private void calibrate() throws IOException, InterruptedException {
        Map<String, Object> cal = new LinkedHashMap<>();
        cal.put("fraction", fraction);
        cal.put("criteria", "a step is clean when no request failed, p99 <= " + CLEAN_P99_MS + " ms and at least "
                + Math.round(CLEAN_SENT_SHARE * 100) + " % of its requests were sent; the ceiling is the highest "
                + "step rate with it and every lower step clean");
        results.put("calibration", cal);
        if (options.containsKey("ceiling")) {
            ceiling = Long.parseLong(options.get("ceiling"));
            cal.put("ceilingRps", ceiling);
            cal.put("maxScenarioRate", Math.round(ceiling * fraction));
            cal.put("note", "ceiling given on the command line; no calibration run");
            return;
        }
        String server = servers.keySet().stream().filter(name -> Files.exists(servers.get(name))).findFirst()
                .orElse(servers.keySet().iterator().next());
        cal.put("server", server);
        cal.put("stepSeconds", profile.stepSeconds());
        progress("calibration: Gatling's clean ceiling on PLAINTEXT against " + server + ", steps "
                + profile.calibrationSteps() + " req/s x " + profile.stepSeconds() + " s");
        if (!Files.exists(servers.get(server))) {
            cal.put("error", "server jar missing: " + servers.get(server));
            return;
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("load.steps", String.join(",", profile.calibrationSteps().stream().map(String::valueOf).toList()));
        props.put("load.stepSeconds", Integer.toString(profile.stepSeconds()));
        props.put("load.warmupSeconds", Integer.toString(profile.warmupSeconds()));
        Path results = output.resolve("gatling/calibration");
        try (ServerProcess process = startServer(server, Map.of(), "calibration")) {
            props.put("load.baseUrl", "http://127.0.0.1:" + process.port());
            GatlingProcess.Outcome outcome = gatling(CalibrationSimulation.class.getName(), props, results,
                    "calibration against " + server, output.resolve("logs/calibration-gatling.log"),
                    pid -> { }, mark -> { });
            process.sigterm();
            process.awaitDrained(Duration.ofSeconds(40));
            if (outcome.reportDir() == null) {
                cal.put("error", "Gatling wrote no report (exit " + outcome.exitCode() + ")");
                return;
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
            cal.put("report", relative(outcome.reportDir().resolve("index.html")));
            ceiling = best;
            cal.put("ceilingRps", best);
            cal.put("maxScenarioRate", best == null ? null : Math.round(best * fraction));
            if (best != null && best.equals((long) profile.calibrationSteps().getLast())) {
                cal.put("note", "every step was clean: the real ceiling is above the last step");
            }
            progress("calibration: ceiling " + (best == null ? "not found (even the first step was not clean)"
                    : best + " req/s; scenario rates kept <= " + Math.round(best * fraction) + " req/s"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // one run

    private Map<String, Object> runOne(Scenario scenario, String server, int rep) {
        String id = scenario.name().toLowerCase(Locale.ROOT) + "-" + server + "-r" + rep;
        int rate = rateFor(scenario);
        progress(String.format("%s x %s, rep %d/%d, %d req/s (about %s left)", scenario, server, rep,
                profile.reps(), rate, remaining()));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("scenario", scenario.name());
        run.put("server", server);
        run.put("rep", rep);
        run.put("status", "RUNNING");
        List<String> failures = new ArrayList<>();
        run.put("failures", failures);
        run.put("rate", rate);
        run.put("rateClamped", rate < requestedRate(scenario));
        run.put("rateFractionOfCeiling", ceiling == null ? null : round(rate / (double) ceiling, 3));
        run.put("nearCeiling", ceiling == null || rate > fraction * ceiling + 0.5);
        try {
            measure(scenario, server, rep, id, rate, run, failures);
        } catch (Exception e) {
            failures.add("run crashed: " + e);
        }
        run.put("status", failures.isEmpty() ? "OK" : "FAILED");
        if (!failures.isEmpty()) {
            progress("  FAILED: " + String.join("; ", failures));
        } else {
            progress(String.format("  OK: p50 %s / p99 %s / max %s ms, %s us CPU per request, peak RSS %s MiB",
                    latency(run, "p50"), latency(run, "p99"), latency(run, "max"), run.get("cpuMicrosPerRequest"),
                    run.get("peakRssBytes") == null ? "?" : (long) run.get("peakRssBytes") >> 20));
        }
        return run;
    }

    private void measure(Scenario scenario, String server, int rep, String id, int rate, Map<String, Object> run,
                         List<String> failures) throws IOException, InterruptedException {
        if (!Files.exists(servers.get(server))) {
            failures.add("server jar missing: " + servers.get(server) + " (build it: mvn -B -pl impl-" + server
                    + " package -DskipTests)");
            return;
        }
        Map<String, CostSnapshot> snapshots = new ConcurrentHashMap<>();
        Map<String, Long> serverMemory = new ConcurrentHashMap<>();
        try (ServerProcess process = startServer(server, scenario.serverConfig(), id)) {
            long[] injectorPid = {0};
            Map<String, String> props = new LinkedHashMap<>();
            props.put("load.baseUrl", "http://127.0.0.1:" + process.port());
            props.put("load.rate", Integer.toString(rate));
            props.put("load.warmupSeconds", Integer.toString(profile.warmupSeconds()));
            props.put("load.measureSeconds", Integer.toString(profile.measureSeconds()));
            Path sidecar = output.resolve("sidecar/" + id + ".json");
            props.put("load.sidecar", sidecar.toString());
            props.putAll(scenario.simulationProperties(profile));

            GatlingProcess.Outcome outcome = gatling(scenario.simulation.getName(), props,
                    output.resolve("gatling/" + id), scenario + " " + server + " rep " + rep,
                    output.resolve("logs/" + id + "-gatling.log"),
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
            run.put("report", relative(outcome.reportDir().resolve("index.html")));
            for (GatlingStats.AssertionResult a : GatlingStats.assertions(outcome.reportDir())) {
                if (!a.passed()) {
                    failures.add("Gatling assertion failed: " + a.description());
                }
            }
            if (outcome.exitCode() != 0 && failures.stream().noneMatch(f -> f.startsWith("Gatling assertion"))) {
                failures.add("Gatling exited with " + outcome.exitCode());
            }
            GatlingStats stats = GatlingStats.read(outcome.reportDir());
            run.put("errorMessages", GatlingStats.errors(output.resolve("logs/" + id + "-gatling.log")).stream()
                    .map(e -> Map.of("message", e.message(), "count", e.count())).toList());
            JsonNode side = Files.exists(sidecar) ? JSON.readTree(sidecar.toFile()) : JSON.createObjectNode();
            figures(scenario, rate, stats, side, run, failures);

            // what it cost the server
            CostSnapshot start = snapshots.get(Markers.MEASURE_START);
            CostSnapshot end = snapshots.getOrDefault(
                    scenario == Scenario.DRAIN ? Markers.SIGTERM : Markers.MEASURE_END, atExit);
            cost(start, end, loadRequests(scenario, stats), run);
            run.put("peakRssBytes", serverMemory.get("hwm"));
            run.put("heapAfterGcBytes", serverMemory.get("heap"));
            if (scenario == Scenario.DRAIN) {
                run.put("heapNote", "not measured: the server is stopped by the scenario itself");
            }

            // how it stopped
            Map<String, Object> stop = new LinkedHashMap<>();
            stop.put("exitCode", process.exitCode());
            stop.put("drainedLine", drained == null ? null : JSON.convertValue(drained, Map.class));
            stop.put("drainedLineWasLast", process.drainedLineWasLast());
            run.put("serverStop", stop);
            if (scenario == Scenario.DRAIN) {
                drainCheck(side, drained, process, run, failures);
            }
        }
    }

    /** Gatling's per-request figures plus the sidecar's status mix and scenario facts. */
    private void figures(Scenario scenario, int rate, GatlingStats stats, JsonNode side, Map<String, Object> run,
                         List<String> failures) {
        Map<String, Object> requests = new LinkedHashMap<>();
        for (String name : stats.names()) {
            if (!name.startsWith(OffloadSimulation.WARM_UP)) {
                requests.put(name, stats.request(name).toMap());
            }
        }
        GatlingStats.RequestStats headline = stats.request(scenario.requests.getFirst());
        run.put("request", scenario.requests.getFirst());
        if (headline == null) {
            failures.add("no measured request named '" + scenario.requests.getFirst() + "' in stats.json");
            return;
        }
        long ok = 0;
        long ko = 0;
        long count = 0;
        for (String name : scenario.requests) {
            GatlingStats.RequestStats s = stats.request(name);
            if (s != null) {
                ok += s.ok();
                ko += s.ko();
                count += s.count();
            }
        }
        run.put("count", count);
        run.put("ok", ok);
        run.put("ko", ko);
        run.put("errors", ko);
        run.put("achievedRps", round(ok / (double) profile.measureSeconds(), 1));
        run.put("latencyMs", headline.latencyMs());
        run.put("requests", requests);
        run.put("statusMix", JSON.convertValue(side.path("statusMix"), Map.class));
        run.put("byStatusMs", JSON.convertValue(side.path("byStatusMs"), Map.class));
        JsonNode facts = side.path("facts");
        switch (scenario) {
            case POOL -> {
                Map<String, Object> pool = new LinkedHashMap<>();
                long accepted = side.path("statusMix").path("202").asLong();
                long rejected = side.path("statusMix").path("503").asLong();
                pool.put("capacityPerSecond", Scenario.Pool.CAPACITY);
                pool.put("overload", round(rate / (double) Scenario.Pool.CAPACITY, 1));
                pool.put("accepted", accepted);
                pool.put("rejected", rejected);
                pool.put("rejectedShare", accepted + rejected == 0 ? null
                        : round(rejected / (double) (accepted + rejected), 4));
                pool.put("rejectedP99Ms", side.path("byStatusMs").path("503").path("p99").isNumber()
                        ? side.path("byStatusMs").path("503").path("p99").asLong() : null);
                pool.put("acceptedP99Ms", side.path("byStatusMs").path("202").path("p99").isNumber()
                        ? side.path("byStatusMs").path("202").path("p99").asLong() : null);
                pool.put("acceptedAllPhases", facts.path("accepted").asLong());
                pool.put("verifiedSucceeded", facts.path("verifiedSucceeded").asLong());
                pool.put("lost", facts.path("lost").asLong());
                run.put("pool", pool);
                if (rejected == 0) {
                    failures.add("no 503 at " + rate + " req/s, " + pool.get("overload") + "x the pool's capacity: "
                            + "is the queue bounded?");
                }
                if (facts.path("lost").asLong() > 0) {
                    failures.add(facts.path("lost").asLong() + " accepted jobs did not end SUCCEEDED");
                }
                if (facts.path("verifiedSucceeded").asLong() != facts.path("accepted").asLong()) {
                    failures.add("accepted " + facts.path("accepted").asLong() + " jobs but verified "
                            + facts.path("verifiedSucceeded").asLong() + " SUCCEEDED");
                }
            }
            case TIMEOUT -> {
                Map<String, Object> timeout = new LinkedHashMap<>();
                timeout.put("deadlineMs", Scenario.SLOW_DEADLINE_MS);
                Map<String, Object> overshoot = new LinkedHashMap<>();
                for (String p : List.of("p50", "p95", "p99", "max")) {
                    Long v = headline.latencyMs().get(p);
                    overshoot.put(p, v == null ? null : v - Scenario.SLOW_DEADLINE_MS);
                }
                timeout.put("overshootMs", overshoot);
                GatlingStats.RequestStats inTime = stats.request(TimeoutSimulation.IN_TIME);
                timeout.put("inTimeLatencyMs", inTime == null ? null : inTime.latencyMs());
                run.put("timeout", timeout);
            }
            case FAN -> {
                Map<String, Object> fan = new LinkedHashMap<>();
                int slower = Math.max(Scenario.USER_DELAY_MS, Scenario.ORDERS_DELAY_MS);
                fan.put("slowerChildMs", slower);
                Long p99 = headline.latencyMs().get("p99");
                Long p50 = headline.latencyMs().get("p50");
                fan.put("p50MinusSlowerChildMs", p50 == null ? null : p50 - slower);
                fan.put("p99MinusSlowerChildMs", p99 == null ? null : p99 - slower);
                run.put("fan", fan);
            }
            default -> {
            }
        }
    }

    /**
     * DRAIN's accounting: the server's {@code drained} line must list no abandoned job, and its {@code completed}
     * count (every tracked background task that ended by itself; in this fresh process, jobs only) must equal the
     * number of jobs answered 202. It may exceed it only by requests whose answer never arrived (accepted by the
     * server, answer lost in the shutdown), never fall short.
     */
    private void drainCheck(JsonNode side, JsonNode drained, ServerProcess process, Map<String, Object> run,
                            List<String> failures) {
        Map<String, Object> drain = new LinkedHashMap<>();
        List<String> acceptedIds = new ArrayList<>();
        side.path("facts").path("acceptedJobIds").forEach(n -> acceptedIds.add(n.asText()));
        long unknown = side.path("facts").path("afterSigterm").path("none").asLong();
        drain.put("accepted", acceptedIds.size());
        drain.put("unansweredAfterSigterm", unknown);
        drain.put("afterSigtermStatusMix", JSON.convertValue(side.path("facts").path("afterSigterm"), Map.class));
        drain.put("exitCode", process.exitCode());
        if (drained == null) {
            drain.put("completed", null);
            drain.put("abandoned", null);
            drain.put("accountedFor", false);
            failures.add("no drained line after SIGTERM");
            run.put("drain", drain);
            return;
        }
        long completed = drained.path("completed").asLong();
        List<String> abandoned = new ArrayList<>();
        drained.path("abandoned").forEach(n -> abandoned.add(n.asText()));
        List<String> acceptedButAbandoned = abandoned.stream().filter(acceptedIds::contains).toList();
        boolean accounted = abandoned.isEmpty() && completed >= acceptedIds.size()
                && completed <= acceptedIds.size() + unknown;
        drain.put("completed", completed);
        drain.put("abandoned", abandoned);
        drain.put("abandonedCount", abandoned.size());
        drain.put("acceptedButAbandoned", acceptedButAbandoned);
        drain.put("accountedFor", accounted);
        drain.put("drainedLineWasLast", process.drainedLineWasLast());
        run.put("drain", drain);
        if (!abandoned.isEmpty()) {
            failures.add(abandoned.size() + " jobs abandoned at drain (" + acceptedButAbandoned.size()
                    + " of them answered 202)");
        }
        if (completed < acceptedIds.size()) {
            failures.add("drained line counts " + completed + " completed but " + acceptedIds.size()
                    + " jobs were answered 202");
        } else if (completed > acceptedIds.size() + unknown) {
            failures.add("drained line counts " + completed + " completed, more than the " + acceptedIds.size()
                    + " accepted plus " + unknown + " unanswered requests");
        }
        if (!process.drainedLineWasLast()) {
            failures.add("the drained line was not the last line the server printed");
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

    private void cost(CostSnapshot start, CostSnapshot end, long requests, Map<String, Object> run) {
        if (start == null || end == null || start.serverTicks() == null || end.serverTicks() == null) {
            run.put("cpuMicrosPerRequest", null);
            run.put("costNote", "measured window not seen (no measure-start mark or the server was gone)");
            return;
        }
        double cpuMs = (end.serverTicks() - start.serverTicks()) * 1000.0 / clockTicks;
        long windowMs = end.epochMs() - start.epochMs();
        run.put("windowMs", windowMs);
        run.put("serverCpuMs", round(cpuMs, 0));
        run.put("serverCpuCores", windowMs > 0 ? round(cpuMs / windowMs, 3) : null);
        run.put("cpuMicrosPerRequest", requests > 0 ? round(cpuMs * 1000 / requests, 1) : null);
        if (start.injectorTicks() != null && end.injectorTicks() != null && requests > 0) {
            double injectorMs = (end.injectorTicks() - start.injectorTicks()) * 1000.0 / clockTicks;
            run.put("injectorCpuMicrosPerRequest", round(injectorMs * 1000 / requests, 1));
        }
        long total = end.hostTotalTicks() - start.hostTotalTicks();
        run.put("hostCpuBusyPercent", total > 0
                ? round(100.0 * (end.hostBusyTicks() - start.hostBusyTicks()) / total, 1) : null);
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

    // ---------------------------------------------------------------------------------------------------------
    // processes

    private ServerProcess startServer(String server, Map<String, String> config, String id)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--host=127.0.0.1", "--port=0"));
        config.forEach((k, v) -> args.add("--" + k + "=" + v));
        return ServerProcess.start(server, servers.get(server), SERVER_JVM_FLAGS, args,
                output.resolve("logs/" + id + "-server.log"), Duration.ofSeconds(60));
    }

    private GatlingProcess.Outcome gatling(String simulation, Map<String, String> props, Path resultsFolder,
                                           String description, Path log, Consumer<Long> onStart,
                                           Consumer<String> onMark)
            throws IOException, InterruptedException {
        GatlingPrefs.seed(output.resolve(".gatling-prefs"));
        Map<String, String> all = new LinkedHashMap<>(props);
        all.put("java.util.prefs.userRoot", output.resolve(".gatling-prefs").toString());
        return GatlingProcess.run(simulation, all, resultsFolder, description, log,
                Duration.ofSeconds(profile.warmupSeconds() + profile.measureSeconds() + 180), onStart, onMark);
    }

    // ---------------------------------------------------------------------------------------------------------
    // settings, environment, output

    private int requestedRate(Scenario scenario) {
        return rateOverrides.getOrDefault(scenario, scenario.defaultRate);
    }

    /** The scenario's rate, lowered to the stated share of the calibrated ceiling if it was above it. */
    private int rateFor(Scenario scenario) {
        int requested = requestedRate(scenario);
        if (ceiling == null) {
            return requested;
        }
        return (int) Math.min(requested, Math.max(1, Math.round(ceiling * fraction)));
    }

    private List<String> serverOrder(int rep) {
        List<String> order = new ArrayList<>(servers.keySet());
        if (rep % 2 == 0) {
            Collections.reverse(order); // alternate who goes first, so order effects cancel over reps
        }
        return order;
    }

    private Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("kernel", System.getProperty("os.version"));
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("javaHome", System.getProperty("java.home"));
        env.put("serverJvmFlags", SERVER_JVM_FLAGS);
        env.put("injectorJvmFlags", GatlingProcess.JVM_FLAGS);
        env.put("gatlingVersion", gatlingVersion());
        env.put("clockTicksPerSecond", clockTicks);
        env.put("loadAverageAtStart", ProcFs.loadAverage());
        env.put("servers", servers.entrySet().stream().map(e -> Map.of("name", e.getKey(),
                "jar", e.getValue().toString())).toList());
        env.put("warmupSeconds", profile.warmupSeconds());
        env.put("measureSeconds", profile.measureSeconds());
        env.put("reps", profile.reps());
        env.put("percentiles", "p50/p95/p99/p99.9 are Gatling's percentiles1..4 (gatling.conf), in ms");
        env.put("note", "injector and server share this machine's cores: latency is measured at fixed rates well "
                + "under the injector's ceiling, and CPU per request is read from the server process");
        return env;
    }

    private static String gatlingVersion() {
        Package p = io.gatling.app.Gatling.class.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "3.13.4";
    }

    private Map<String, Object> scenarioTable() {
        Map<String, Object> table = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("title", s.title);
            row.put("simulation", s.simulation.getName());
            row.put("requestedRate", requestedRate(s));
            row.put("requests", s.requests);
            row.put("serverConfig", s.serverConfig());
            row.put("simulationProperties", s.simulationProperties(profile));
            table.put(s.name(), row);
        }
        return table;
    }

    private void prepareOutput() throws IOException {
        Files.createDirectories(output);
        for (String dir : List.of("gatling", "logs", "sidecar")) {
            deleteTree(output.resolve(dir));
        }
        Files.deleteIfExists(output.resolve("results.json"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private synchronized void write() throws IOException {
        Path tmp = output.resolve("results.json.tmp");
        JSON.writeValue(tmp.toFile(), results);
        Files.move(tmp, output.resolve("results.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private String relative(Path p) {
        return output.relativize(p.toAbsolutePath().normalize()).toString();
    }

    private long estimateSeconds() {
        long perRep = 0;
        for (Scenario s : scenarios) {
            perRep += (long) servers.size() * (profile.warmupSeconds() + profile.measureSeconds() + s.extraSeconds());
        }
        long calibration = options.containsKey("ceiling") ? 0
                : profile.warmupSeconds() + (long) profile.calibrationSteps().size() * profile.stepSeconds() + 15;
        return calibration + perRep * profile.reps();
    }

    private String remaining() {
        long s = Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000_000L);
        return s / 60 + " min " + s % 60 + " s";
    }

    private void summary() {
        System.out.println();
        System.out.println("[load] scenario  server    rep  rate   p50   p95   p99   max  ko  us/req  RSS MiB  status");
        for (Map<String, Object> r : runs) {
            System.out.printf(Locale.ROOT, "[load] %-9s %-9s %3s %5s %5s %5s %5s %5s %3s %7s %8s  %s%n",
                    r.get("scenario"), r.get("server"), r.get("rep"), r.get("rate"), latency(r, "p50"),
                    latency(r, "p95"), latency(r, "p99"), latency(r, "max"), r.getOrDefault("ko", "-"),
                    r.getOrDefault("cpuMicrosPerRequest", "-"),
                    r.get("peakRssBytes") == null ? "-" : (long) r.get("peakRssBytes") >> 20, r.get("status"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object latency(Map<String, Object> run, String p) {
        Object l = run.get("latencyMs");
        return l instanceof Map<?, ?> m && m.get(p) != null ? ((Map<String, Object>) m).get(p) : "-";
    }

    private static void progress(String line) {
        System.out.println("[load] " + line);
        System.out.flush();
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            for (String token : arg.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                String t = token.startsWith("--") ? token.substring(2) : token;
                int eq = t.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("setting '" + token + "' is not key=value");
                }
                options.put(t.substring(0, eq), t.substring(eq + 1));
            }
        }
        return options;
    }

    static Map<String, Path> parseServers(String spec) {
        Map<String, Path> servers = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException("servers: '" + entry + "' is not name=path/to/server.jar");
            }
            servers.put(kv[0].trim(), Path.of(kv[1].trim()).toAbsolutePath().normalize());
        }
        return servers;
    }
}
