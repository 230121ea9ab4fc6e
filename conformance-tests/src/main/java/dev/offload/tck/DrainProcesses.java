package dev.offload.tck;

import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server processes of the DRAIN checks and the waiting around them: launching every selected scenario's
 * process at once (their JVM start-ups overlap), background requests, bounded waits.
 */
final class DrainProcesses {
    /** How long a freshly started process may take to start the first work it accepted (cold JVMs, busy CPUs). */
    static final Duration START_WAIT = Duration.ofSeconds(10);

    private DrainProcesses() {
    }

    /**
     * The settings of a launched process: the target's, with timings that make the scenario observable; DRAIN-3
     * needs a short drainTimeout, the others a long one (they must finish everything).
     */
    static OffloadConfig launchConfig(Probe p, Behaviour scenario) {
        return p.config().with("emailDelay", "300ms").with("slowDeadline", "10s")
                .with("drainTimeout", scenario == Behaviour.DRAIN_3 ? "1s" : "10s")
                .with("workers", "2").with("queueCapacity", "10").with("maxConcurrentRequests", "off");
    }

    /**
     * The scenario's server process. The first DRAIN check launches the processes of every selected DRAIN check at
     * once, so their JVM start-ups overlap; each check then takes its own (and closes it).
     */
    static LaunchedServer launched(Probe p, Behaviour scenario) throws Exception {
        ServerLauncher launcher = p.target().launcher().orElseThrow();
        Map<Behaviour, CompletableFuture<LaunchedServer>> ahead = p.memo("drain.processes", () -> {
            Map<Behaviour, CompletableFuture<LaunchedServer>> m = new ConcurrentHashMap<>();
            for (Behaviour b : List.of(Behaviour.DRAIN_1, Behaviour.DRAIN_2, Behaviour.DRAIN_3)) {
                if (p.selected().contains(b)) {
                    CompletableFuture<LaunchedServer> f = new CompletableFuture<>();
                    Thread.ofVirtual().start(() -> {
                        try {
                            f.complete(launcher.launch(launchConfig(p, b)));
                        } catch (Throwable e) {
                            f.completeExceptionally(e);
                        }
                    });
                    m.put(b, f);
                    p.closeLater(() -> {
                        if (m.remove(b) != null) {
                            f.thenAccept(LaunchedServer::close);
                        }
                    });
                }
            }
            return m;
        });
        CompletableFuture<LaunchedServer> mine = ahead.remove(scenario);
        if (mine == null) {
            return launcher.launch(launchConfig(p, scenario));
        }
        try {
            return mine.get(90, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static Verdict noLauncher() {
        return Verdict.skipped("needs a server process: run with --launch=\"<command with {port}>\"");
    }

    static String stderr(LaunchedServer s) {
        String tail = s.stderrTail();
        return tail.isEmpty() ? "" : " [stderr: " + Probe.abbreviate(tail, 200) + "]";
    }

    @FunctionalInterface
    interface Io {
        String call() throws Exception;
    }

    static CompletableFuture<String> inBackground(Io io) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(io.call());
            } catch (Exception e) {
                f.complete(Evidence.failure(e));
            }
        });
        return f;
    }

    static String await(CompletableFuture<String> f, String what) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return what + " did not complete within 20 s";
        }
    }

    static void sleepUntil(long fromNanos, long ms) throws InterruptedException {
        long left = ms - Probe.millisSince(fromNanos);
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}
