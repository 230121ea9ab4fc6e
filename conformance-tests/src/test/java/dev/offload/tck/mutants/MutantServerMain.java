package dev.offload.tck.mutants;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.spec.Replies.DrainReport;
import dev.offload.spec.kit.ProcessEvents;

import java.util.List;

/**
 * A server process with a shutdown bug, for the DRAIN mutants: a real bundled server (system property
 * {@code tck.server}) started through the SPI behind a passthrough {@link MutantProxy} that listens on the
 * configured port; its JVM shutdown hook does what {@code tck.mutant} says instead of a proper graceful stop.
 * Without {@code tck.mutant} it stops properly (the control).
 */
public final class MutantServerMain {
    private MutantServerMain() {
    }

    public static void main(String[] args) throws Exception {
        OffloadConfig config = OffloadConfig.load(args);
        String serverName = System.getProperty("tck.server", "jetty");
        String bug = System.getProperty("tck.mutant", "");
        OffloadServer server = OffloadServer.discover().stream().filter(s -> s.name().equals(serverName))
                .findFirst().orElseThrow(() -> new IllegalStateException("no server " + serverName));
        OffloadServer.RunningServer running = server.start(config.with("port", "0"));
        MutantProxy proxy = new MutantProxy(java.net.URI.create("http://127.0.0.1:" + running.port()),
                Mutants.identity(), config.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DrainReport report;
            switch (bug) {
                case "DRAIN_1" -> {
                    // The bug: the listener stays open and the handlers keep accepting while "stopping".
                    Connection.sleep(1_500);
                    proxy.stopAccepting();
                    report = running.stop();
                }
                case "DRAIN_2" -> {
                    // The bug: no graceful phase; every open connection is cut at once.
                    proxy.close();
                    report = running.stop();
                }
                case "DRAIN_3" -> {
                    // The bug: the drain cancels overdue work but reports none of it.
                    proxy.stopAccepting();
                    DrainReport real = running.stop();
                    report = DrainReport.of(real.completed(), List.of());
                }
                default -> {
                    proxy.stopAccepting();
                    report = running.stop();
                }
            }
            ProcessEvents.drained(report);
        }, "mutant-shutdown"));
        ProcessEvents.started(server.name() + "-mutant", config.host(), proxy.port());
        Thread.currentThread().join(); // the server's threads may all be daemons; SIGTERM ends the JVM
    }
}
