package dev.offload.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** The machine, JDK and flags a load run ran with, for {@code results.json}'s {@code environment}. */
final class Environment {
    private Environment() {
    }

    static Map<String, Object> describe(LoadRun run) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("kernel", System.getProperty("os.version"));
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("javaHome", System.getProperty("java.home"));
        env.put("serverJvmFlags", LoadRun.SERVER_JVM_FLAGS);
        env.put("injectorJvmFlags", GatlingProcess.JVM_FLAGS);
        env.put("hyperfoilJvmFlags", HyperfoilProcess.JVM_FLAGS);
        env.put("gatlingVersion", gatlingVersion());
        env.put("hyperfoilVersion", "0.25.2");
        env.put("clockTicksPerSecond", run.clockTicks());
        env.put("loadAverageAtStart", ProcFs.loadAverage());
        env.put("servers", run.servers().entrySet().stream().map(e -> Map.of("name", e.getKey(),
                "jar", e.getValue().toString())).toList());
        env.put("warmupSeconds", run.profile().warmupSeconds());
        env.put("measureSeconds", run.profile().measureSeconds());
        env.put("reps", run.profile().reps());
        env.put("percentiles", "behaviour runs: p50/p95/p99/p99.9 are Gatling's percentiles1..4 (gatling.conf), in "
                + "ms; perf phases: Hyperfoil's HdrHistogram");
        env.put("note", "perf phases: server pinned to one CPU, injector on the others; behaviour runs: injector "
                + "and server share the cores at fixed rates well under the injector's ceiling. CPU per request is "
                + "read from the server process");
        return env;
    }

    private static String gatlingVersion() {
        Package p = io.gatling.app.Gatling.class.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "3.13.4";
    }
}
