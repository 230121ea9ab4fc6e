package dev.offload.load;

import dev.offload.load.results.BehaviourRecords;
import dev.offload.load.results.BehaviourRecords.ServerJar;

/** The machine, JDK and flags a load run ran with, for {@code results.json}'s {@code environment}. */
final class Environment {
    private Environment() {
    }

    static BehaviourRecords.Environment describe(LoadRun run) {
        return new BehaviourRecords.Environment(Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("os.version"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("java.home"), LoadRun.SERVER_JVM_FLAGS, GatlingProcess.JVM_FLAGS,
                HyperfoilProcess.JVM_FLAGS, gatlingVersion(), "0.25.2", run.clockTicks(), ProcFs.loadAverage(),
                run.servers().entrySet().stream().map(e -> new ServerJar(e.getKey(), e.getValue().toString()))
                        .toList(),
                run.profile().warmupSeconds(), run.profile().measureSeconds(), run.profile().reps(),
                "behaviour runs: p50/p95/p99/p99.9 are Gatling's percentiles1..4 (gatling.conf), in ms; perf "
                        + "phases: Hyperfoil's HdrHistogram",
                "perf phases: server pinned to one CPU, injector on the others; behaviour runs: injector and server "
                        + "share the cores at fixed rates well under the injector's ceiling. CPU per request is read "
                        + "from the server process");
    }

    private static String gatlingVersion() {
        Package p = io.gatling.app.Gatling.class.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "3.13.4";
    }
}
