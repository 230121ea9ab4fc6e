package dev.offload.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.offload.load.results.BehaviourRecords;
import dev.offload.load.results.BehaviourRecords.Run;
import dev.offload.load.results.BehaviourRecords.RunStatus;
import dev.offload.load.results.BehaviourRecords.ScenarioInfo;
import dev.offload.load.results.PerfRecords;
import dev.offload.load.results.PerfRecords.PatternInfo;
import dev.offload.load.results.ResultsFile;
import dev.offload.load.results.ResultsFile.FileStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The orchestrator. Two phases, each server always its own JVM started from its runnable jar:
 * <ol>
 *   <li>{@code perf} ({@link PerfPhases}, Hyperfoil, server pinned to one CPU): capacity at the SLA, cost at equal
 *       fixed rates, cost growth over a soak, for every {@link Pattern};</li>
 *   <li>{@code behaviour} ({@link BehaviourRun}, Gatling, with its HTML reports): POOL overload, FAN, TIMEOUT and
 *       DRAIN, each checked for what it must do under load.</li>
 * </ol>
 * It writes {@code results.json} (schema {@value PerfRecords#SCHEMA}, rewritten after every run and on a crash),
 * logs under {@code logs/}, Gatling's reports under {@code gatling/}.
 *
 * <p>Exit code 0 when every run behaved; 1 when any failed (a Gatling assertion, a lost or abandoned job, a server
 * that did not start or stop, a pattern with no capacity) or the orchestrator itself failed. UNSTABLE, GROWS and
 * GENERATOR_LIMITED are findings, not failures: the scorecard shows them.
 *
 * <p>Settings, as {@code key=value} (a leading {@code --} is optional): {@code profile} (quick|full, the Gatling
 * profile), {@code perfProfile} (quick|full|tiny, defaults to {@code profile}), {@code phases} (perf,behaviour),
 * {@code servers} (name=jar,...), {@code driver} (offload-hyperfoil.jar), {@code output}, {@code patterns},
 * {@code scenarios} (comma lists), {@code reps} and {@code perfReps}, {@code fraction} (share of the calibrated
 * ceiling no scenario rate may exceed, default 0.5), {@code ceiling} (skip calibration and use this req/s),
 * {@code rates} (SCENARIO:rate,... overrides).
 */
public final class LoadRun {
    /** Every server JVM gets exactly these flags: fixed heap, explicit GC, so the figures compare. */
    static final List<String> SERVER_JVM_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");
    static final double DEFAULT_FRACTION = 0.5;
    /** The behaviour scenarios Gatling runs by default; PLAINTEXT, COPY and BG are measured by Hyperfoil. */
    static final List<Scenario> BEHAVIOUR = List.of(Scenario.POOL, Scenario.FAN, Scenario.TIMEOUT, Scenario.DRAIN);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, String> options;
    private final Profile profile;
    private final PerfProfile perfProfile;
    private final List<String> phases;
    private final Map<String, Path> servers;
    private final Path output;
    private final Path driverJar;
    private final List<Scenario> scenarios;
    private final List<Pattern> patterns;
    private final double fraction;
    private final Map<Scenario, Integer> rateOverrides = new LinkedHashMap<>();
    private final long clockTicks = ProcFs.clockTicksPerSecond();
    private final CpuPinning pinning = CpuPinning.detect();

    private final List<Run> runs = Collections.synchronizedList(new ArrayList<>());
    private final String startedAt = Instant.now().toString();
    private volatile FileStatus status = FileStatus.RUNNING;
    private volatile String error;
    private volatile String finishedAt;
    private volatile BehaviourRecords.Environment environment;
    private volatile BehaviourRecords.Calibration calibration;
    private PerfPhases perf;
    private Long ceiling;
    private long deadlineNanos;

    LoadRun(Map<String, String> options) {
        this.options = options;
        Profile p = Profile.named(options.getOrDefault("profile", "quick"));
        this.profile = options.containsKey("reps") ? p.withReps(Integer.parseInt(options.get("reps"))) : p;
        PerfProfile pp = PerfProfile.named(options.getOrDefault("perfProfile", profile.name()));
        this.perfProfile = options.containsKey("perfReps") ? pp.withReps(Integer.parseInt(options.get("perfReps")))
                : pp;
        this.phases = RunOptions.list(options.getOrDefault("phases", "perf,behaviour"));
        for (String phase : phases) {
            if (!phase.equals("perf") && !phase.equals("behaviour")) {
                throw new IllegalArgumentException("phases: '" + phase + "', expected perf and/or behaviour");
            }
        }
        this.servers = RunOptions.servers(options.getOrDefault("servers",
                "helidon=impl-helidon/target/offload-helidon.jar,jetty=impl-jetty/target/offload-jetty.jar"));
        this.output = Path.of(options.getOrDefault("output", "target/load")).toAbsolutePath().normalize();
        this.driverJar = Path.of(options.getOrDefault("driver", "load-tests/hyperfoil/target/offload-hyperfoil.jar"))
                .toAbsolutePath().normalize();
        this.scenarios = options.containsKey("scenarios")
                ? RunOptions.list(options.get("scenarios")).stream()
                .map(s -> Scenario.valueOf(s.toUpperCase(Locale.ROOT)))
                .toList() : BEHAVIOUR;
        this.patterns = options.containsKey("patterns")
                ? RunOptions.list(options.get("patterns")).stream()
                .map(s -> Pattern.valueOf(s.toUpperCase(Locale.ROOT)))
                .toList() : perfProfile.defaultPatterns();
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
        LoadRun run;
        try {
            run = new LoadRun(RunOptions.parse(args));
        } catch (RuntimeException e) {
            System.err.println("[load] bad settings: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(run.execute());
    }

    /** Runs everything; never throws: a crash is written into results.json and gives exit code 1. */
    int execute() {
        try {
            environment = Environment.describe(this);
            prepareOutput();
            write();
            deadlineNanos = System.nanoTime() + estimateSeconds() * 1_000_000_000L;
            boolean ok = true;
            if (phases.contains("perf")) {
                perf = new PerfPhases(servers, output, driverJar, perfProfile, patterns, pinning, clockTicks,
                        this::save);
                ok &= perf.run();
                ok &= perf.capacity.stream().noneMatch(c -> c.status() == PerfRecords.CapacityStatus.FAILED);
            }
            if (phases.contains("behaviour")) {
                ok &= behaviour();
            }
            status = ok ? FileStatus.OK : FileStatus.FAILED;
            Summary.print(List.copyOf(runs), perf);
            return ok ? 0 : 1;
        } catch (Exception e) {
            status = FileStatus.FAILED;
            error = e.toString();
            System.err.println("[load] crashed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            finishedAt = Instant.now().toString();
            save();
            System.out.println("[load] results: " + output.resolve("results.json"));
        }
    }

    /** The file as it stands: what finished so far, the perf phases' lists as they grow. */
    private ResultsFile snapshot() {
        return new ResultsFile(PerfRecords.SCHEMA, profile.name(), perfProfile, phases, status, error, startedAt,
                finishedAt, environment, pinning.record(), PerfRecords.Sla.DEFAULT, patternTable(),
                perf == null ? List.of() : List.copyOf(perf.capacity),
                perf == null ? List.of() : List.copyOf(perf.equalRate),
                perf == null ? List.of() : List.copyOf(perf.soak), calibration, scenarioTable(), List.copyOf(runs));
    }

    /** The Gatling behaviour scenarios, every repetition, servers in the same order each time (H, J, H, J, …). */
    private boolean behaviour() throws IOException, InterruptedException {
        GatlingContext ctx = new GatlingContext(profile, servers, output, clockTicks);
        int highest = scenarios.stream().mapToInt(this::requestedRate).max().orElse(0);
        if (options.containsKey("ceiling") || highest > profile.calibrationSteps().getFirst()) {
            calibration = Calibration.run(ctx, options, fraction);
            ceiling = calibration.ceilingRps();
        } else {
            calibration = Calibration.notRun(fraction, "not run: every scenario's rate (at most " + highest
                    + " req/s) is under the first calibration step, " + profile.calibrationSteps().getFirst()
                    + " req/s");
        }
        BehaviourRun behaviour = new BehaviourRun(ctx);
        for (int rep = 1; rep <= profile.reps(); rep++) {
            for (Scenario scenario : scenarios) {
                for (String server : servers.keySet()) {
                    runs.add(behaviour.run(scenario, server, rep, profile.reps(), rateFor(scenario),
                            requestedRate(scenario), ceiling, fraction, remaining()));
                    save();
                }
            }
        }
        return runs.stream().allMatch(r -> r.status() == RunStatus.OK);
    }

    Profile profile() {
        return profile;
    }

    Map<String, Path> servers() {
        return servers;
    }

    long clockTicks() {
        return clockTicks;
    }

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

    private Map<String, ScenarioInfo> scenarioTable() {
        Map<String, ScenarioInfo> table = new LinkedHashMap<>();
        for (Scenario s : phases.contains("behaviour") ? scenarios : List.<Scenario>of()) {
            table.put(s.name(), new ScenarioInfo(s.title, s.simulation.getName(), requestedRate(s), s.requests,
                    s.serverConfig(), s.simulationProperties(profile)));
        }
        return table;
    }

    private Map<String, PatternInfo> patternTable() {
        Map<String, PatternInfo> table = new LinkedHashMap<>();
        for (Pattern p : patterns) {
            table.put(p.name(), new PatternInfo(p.title, p.method + " " + p.path, p.connections(),
                    p.concurrencyBound() ? "concurrency" : "cpu", perfProfile.equalRates(p), p.concurrencyCeiling()));
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
        JSON.writeValue(tmp.toFile(), snapshot());
        Files.move(tmp, output.resolve("results.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private void save() {
        try {
            write();
        } catch (IOException e) {
            System.err.println("[load] cannot write results.json: " + e);
        }
    }

    private long estimateSeconds() {
        long seconds = phases.contains("perf") ? perfProfile.estimateSeconds(servers.size(),
                patterns.size(), (int) patterns.stream().map(p -> p.settings).distinct().count(),
                (int) patterns.stream().filter(p -> !p.settingsVariant()).count()) : 0;
        if (phases.contains("behaviour")) {
            for (Scenario s : scenarios) {
                seconds += (long) servers.size() * profile.reps()
                        * (profile.warmupSeconds() + profile.measureSeconds() + s.extraSeconds());
            }
        }
        return seconds;
    }

    private String remaining() {
        long s = Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000_000L);
        return s / 60 + " min " + s % 60 + " s";
    }

    static void progress(String line) {
        System.out.println("[load] " + line);
        System.out.flush();
    }

}
