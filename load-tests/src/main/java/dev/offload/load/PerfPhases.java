package dev.offload.load;

import dev.offload.load.results.PerfRecords.Capacity;
import dev.offload.load.results.PerfRecords.CapacityStatus;
import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Soak;
import dev.offload.load.results.PerfRecords.SoakStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Hyperfoil phases, server pinned to one CPU and injector on the others. Capacity and equal-rate share a fresh
 * server JVM per server and repetition, interleaved H, J, H, J, … so drift of the machine hits both servers alike;
 * each pattern is searched, then run at its fixed equal rates while the JVM is hot from the search. A pattern with
 * settings of its own (WORK_UNWATCHED: the disconnect watch off) gets a server JVM of its own in the same repetition.
 * The soak then starts a fresh server per pattern (settings variants skipped) and holds 60 % of that server's median
 * capacity (at least the pattern's lowest equal rate) window after window.
 */
final class PerfPhases {
    private final Map<String, Path> servers;
    private final Path output;
    private final Path driverJar;
    private final PerfProfile profile;
    private final List<Pattern> patterns;
    private final CpuPinning pinning;
    private final long clockTicks;
    private final HostSteal steal;
    private final Runnable save;
    private final Sla sla = Sla.DEFAULT;

    /** One driver JVM for the whole phase, started against the first server, so the injector stays hot. */
    private HyperfoilProcess driver;
    private boolean injectorWarmed;
    /** The machine's speed on the server's CPU, read around every search; null when it could not start. */
    private SpeedProbe probe;

    final List<Capacity> capacity = Collections.synchronizedList(new ArrayList<>());
    final List<EqualRate> equalRate = Collections.synchronizedList(new ArrayList<>());
    final List<Soak> soak = Collections.synchronizedList(new ArrayList<>());

    PerfPhases(Map<String, Path> servers, Path output, Path driverJar, PerfProfile profile, List<Pattern> patterns,
               CpuPinning pinning, long clockTicks, Runnable save) {
        this.servers = servers;
        this.output = output;
        this.driverJar = driverJar;
        this.profile = profile;
        this.patterns = patterns;
        this.pinning = pinning;
        this.clockTicks = clockTicks;
        this.steal = pinning.steal(clockTicks);
        this.save = save;
    }

    Sla sla() {
        return sla;
    }

    /** Runs capacity + equal-rate for every repetition, then the soak; true when nothing failed to run. */
    boolean run() throws InterruptedException {
        try {
            probe = startProbe();
            return runAll();
        } finally {
            if (driver != null) {
                driver.close();
            }
            if (probe != null) {
                probe.close();
            }
        }
    }

    private boolean runAll() throws InterruptedException {
        boolean ok = true;
        Map<String, Integer> priors = new LinkedHashMap<>();
        for (int rep = 1; rep <= profile.reps(); rep++) {
            for (String server : servers.keySet()) {
                ok &= searchAndMeasure(server, rep, priors);
                save.run();
            }
        }
        for (String server : servers.keySet()) {
            for (Pattern pattern : patterns.stream().filter(p -> !p.settingsVariant()).toList()) {
                ok &= soak(server, pattern);
                save.run();
            }
        }
        return ok;
    }

    private boolean searchAndMeasure(String server, int rep, Map<String, Integer> priors)
            throws InterruptedException {
        boolean ok = true;
        for (List<Pattern> group : bySettings()) {
            ok &= searchAndMeasure(server, rep, group, priors);
        }
        return ok;
    }

    /** The patterns in runs of equal server settings, in their order: one server JVM per run. */
    private List<List<Pattern>> bySettings() {
        Map<Map<String, String>, List<Pattern>> groups = new LinkedHashMap<>();
        patterns.forEach(p -> groups.computeIfAbsent(p.settings, k -> new ArrayList<>()).add(p));
        return List.copyOf(groups.values());
    }

    private boolean searchAndMeasure(String server, int rep, List<Pattern> group, Map<String, Integer> priors)
            throws InterruptedException {
        Map<String, String> settings = group.getFirst().settings;
        String id = "perf-" + server + "-r" + rep + (settings.isEmpty() ? ""
                : "-" + String.join("-", settings.values()));
        LoadRun.progress("capacity + equal-rate, " + server + " rep " + rep + "/" + profile.reps()
                + (settings.isEmpty() ? "" : ", server settings " + settings) + " (" + pinning.record().note() + ")");
        try (ServerProcess process = startServer(server, id, group.getFirst().serverConfig(), null)) {
            HyperfoilProcess driver = driverFor(process);
            var warm = WarmUp.untilSettled(driver, "jvm-warmup", Pattern.PLAINTEXT, profile.jvmWarmupRate(),
                    profile.jvmWarmupSeconds(), profile.jvmWarmupWindows(), sla);
            LoadRun.progress("  JVM warm-up: " + warm.describe());
            warmInjector();
            for (Pattern pattern : group) {
                String key = server + "/" + pattern;
                Double before = probeReading();
                Capacity c = new CapacitySearch(driver, steal::awaitQuiet, profile, sla)
                        .search(pattern, server, rep, priors.get(key));
                if (c.capacityRps() != null && c.status() != CapacityStatus.FAILED) {
                    priors.putIfAbsent(key, c.capacityRps());
                }
                LoadRun.progress(String.format("  %-9s capacity %s req/s, %s us/req, %s", pattern, c.capacityRps(),
                        c.cpuMicrosPerRequest(), c.status()));
                for (int rate : profile.equalRates(pattern)) {
                    equalRate.add(EqualRateRun.measure(driver, steal::awaitQuiet, profile, sla, pattern, server, rep,
                            rate));
                }
                c = c.withProbeMicros(meanOf(before, probeReading()));
                capacity.add(c);
                LoadRun.progress("  machine speed probe: " + c.probeMicros() + " us");
                save.run();
            }
            return true;
        } catch (IOException e) {
            LoadRun.progress("  FAILED: " + e.getMessage());
            for (Pattern pattern : group) {
                if (capacity.stream().noneMatch(c -> c.server().equals(server) && c.rep() == rep
                        && c.pattern().equals(pattern.name()))) {
                    capacity.add(new Capacity(pattern.name(), server, rep, CapacityStatus.FAILED, null, null, null,
                            pattern.concurrencyBound() ? "concurrency" : "cpu", e.getMessage(), null, null,
                            List.of()));
                }
            }
            return false;
        }
    }

    private boolean soak(String server, Pattern pattern) throws InterruptedException {
        // never under the pattern's lowest equal rate: a soak must do enough work per window to be read
        int rate = (int) Math.max(profile.equalRates(pattern).getFirst(),
                Math.round(profile.soakShare() * medianCapacity(server, pattern)));
        String id = "soak-" + pattern.name().toLowerCase(Locale.ROOT) + "-" + server;
        LoadRun.progress(String.format("soak %s x %s: %d windows of %.1f s at %d req/s", pattern, server,
                profile.soakWindows(), profile.soakWindowSeconds(), rate));
        Path gc = output.resolve("logs/" + id + "-gc.log");
        try (ServerProcess process = startServer(server, id, pattern.serverConfig(), gc)) {
            HyperfoilProcess driver = driverFor(process);
            Soak s = SoakRun.measure(driver, new GcLog(gc), this::probeReading, profile, sla, pattern, server, rate);
            soak.add(s);
            LoadRun.progress(String.format("  %s: CPU/request x%s (speed probe x%s, injector x%s), throughput x%s, "
                    + "heap %+d MiB%s", s.status(), s.cpuGrowth(), s.probeGrowth(), s.injectorCpuGrowth(),
                    s.throughputGrowth(),
                    s.heapGrowthBytes() == null ? 0 : s.heapGrowthBytes() >> 20,
                    s.failure() == null ? "" : " (" + s.failure() + ")"));
            return true;
        } catch (IOException e) {
            LoadRun.progress("  FAILED: " + e.getMessage());
            soak.add(new Soak(pattern.name(), server, rate, SoakStatus.FAILED, SoakRun.BAR, null, null, null, null,
                    null, null, null, e.getMessage(), List.of()));
            return false;
        }
    }

    private SpeedProbe startProbe() {
        try {
            return SpeedProbe.start(pinning.serverLauncher());
        } catch (IOException e) {
            LoadRun.progress("speed probe not started, capacities will not be drift-corrected: " + e.getMessage());
            return null;
        }
    }

    private Double probeReading() {
        return probe == null ? null : probe.read();
    }

    private static Double meanOf(Double a, Double b) {
        Double mean = a == null ? b : b == null ? a : (a + b) / 2;
        return mean == null ? null : Math.round(mean * 10) / 10.0;
    }

    /** The median capacity of this server and pattern over the repetitions; the search's start when none. */
    private double medianCapacity(String server, Pattern pattern) {
        List<Integer> values = capacity.stream()
                .filter(c -> c.server().equals(server) && c.pattern().equals(pattern.name()))
                .filter(c -> c.capacityRps() != null).map(Capacity::capacityRps).sorted().toList();
        if (values.isEmpty()) {
            return Math.min(pattern.discoveryStart, profile.maxRate() / 8.0);
        }
        return values.get(values.size() / 2);
    }

    private ServerProcess startServer(String server, String id, Map<String, String> config, Path gcLog)
            throws IOException, InterruptedException {
        if (!Files.exists(servers.get(server))) {
            throw new IOException("server jar missing: " + servers.get(server));
        }
        List<String> flags = new ArrayList<>(LoadRun.SERVER_JVM_FLAGS);
        if (gcLog != null) {
            Files.createDirectories(gcLog.getParent());
            flags.add(GcLog.flag(gcLog));
        }
        List<String> args = new ArrayList<>(List.of("--host=127.0.0.1", "--port=0"));
        config.forEach((k, v) -> args.add("--" + k + "=" + v));
        return ServerProcess.start(server, pinning.serverLauncher(), servers.get(server), flags, args,
                output.resolve("logs/" + id + "-server.log"), Duration.ofSeconds(60));
    }

    /** The driver, aimed at {@code process}: started on first use, then kept so the injector stays hot. */
    private HyperfoilProcess driverFor(ServerProcess process) throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + process.port();
        if (driver != null) {
            driver.target(url, process.pid());
            return driver;
        }
        if (!Files.exists(driverJar)) {
            throw new IOException("Hyperfoil driver jar missing: " + driverJar
                    + " (build it: mvn -B -pl load-tests/hyperfoil package)");
        }
        driver = HyperfoilProcess.start(driverJar, pinning.injectorLauncher(), pinning.injectorCpus(), steal,
                url, process.pid(), clockTicks, output.resolve("logs/hyperfoil.log"));
        return driver;
    }

    /**
     * Once per run, after the first server's JVM warm-up: the injector's own JIT warm-up, PLAINTEXT at twice the JVM
     * warm-up's rate (about 20 s on one core for a max-throughput reading). Against a server that is warm, so the
     * injector compiles its normal path, not the one of a backlog: warmed against a cold server, its first searches
     * missed at 0.5-0.6 server cores (Helidon PLAINTEXT 26.9k in the first rep, 44-62k in the next two).
     */
    private void warmInjector() throws IOException, InterruptedException {
        if (injectorWarmed) {
            return;
        }
        injectorWarmed = true;
        var warm = driver.step("injector-warmup", Pattern.PLAINTEXT, 2 * profile.jvmWarmupRate(),
                profile.injectorWarmupSeconds(), sla);
        LoadRun.progress("  injector warm-up: " + CapacitySearch.describe(warm));
    }
}
