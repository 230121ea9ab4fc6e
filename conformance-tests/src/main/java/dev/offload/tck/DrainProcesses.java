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
                            f.complete(launch(launcher, launchConfig(p, b), b));
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
            return launch(launcher, launchConfig(p, scenario), scenario);
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

    /**
     * SPEC.md CFG-1 at start-up: an unknown setting stops the process with a non-zero exit and a line naming it,
     * no stack trace — as {@code --noSuchSetting=1} when the launcher passes arguments, else (a template without
     * {@code {config}}, settings only in the environment) as {@code OFFLOAD_NO_SUCH_SETTING=1}, and there also a bad
     * value, {@code OFFLOAD_WORKERS=many}. (With arguments every key is passed, and arguments win over the
     * environment, so a bad environment value would be overridden, not refused.) Returns what went wrong.
     */
    static List<String> settingsRefusalProblems(ServerLauncher launcher, OffloadConfig config) throws Exception {
        List<String> problems = new java.util.ArrayList<>();
        if (!launcher.acceptsRawSettings()) {
            return problems; // a launcher of its own kind: nothing can be judged here
        }
        if (launcher.passesArguments()) {
            refused(launcher, config, List.of("--noSuchSetting=1"), Map.of(), "--noSuchSetting=1", "noSuchSetting",
                    problems);
        } else {
            refused(launcher, config, List.of(), Map.of("OFFLOAD_NO_SUCH_SETTING", "1"), "OFFLOAD_NO_SUCH_SETTING=1",
                    "NO_SUCH_SETTING", problems);
            refused(launcher, config, List.of(), Map.of("OFFLOAD_WORKERS", "many"), "OFFLOAD_WORKERS=many", "workers",
                    problems);
        }
        return problems;
    }

    /** DRAIN-3's drain budget as ISO-8601, {@code PT1S}: SPEC.md CFG-1 allows it; a launcher that can says so. */
    static final String ISO_DRAIN_TIMEOUT = "PT1S";
    /** DRAIN-3's body limit with a unit, {@code 8KiB} (8,192 bytes): a 9,000-byte e-mail must then get 413. */
    static final String SIZE_WITH_UNIT = "8KiB";

    private static LaunchedServer launch(ServerLauncher launcher, OffloadConfig config, Behaviour scenario)
            throws Exception {
        if (scenario != Behaviour.DRAIN_3 || !launcher.acceptsRawSettings()) {
            return launcher.launch(config);
        }
        return launcher.launchRaw(config, List.of("--drainTimeout=" + ISO_DRAIN_TIMEOUT,
                "--maxBodyBytes=" + SIZE_WITH_UNIT), Map.of("OFFLOAD_DRAIN_TIMEOUT", ISO_DRAIN_TIMEOUT,
                "OFFLOAD_MAX_BODY_BYTES", SIZE_WITH_UNIT));
    }

    /** What the DRAIN-3 figure says was refused at start-up. */
    static String refusedSettings(ServerLauncher launcher) {
        if (!launcher.acceptsRawSettings()) {
            return "nothing (this launcher cannot pass raw settings)";
        }
        return launcher.passesArguments() ? "--noSuchSetting=1" : "OFFLOAD_NO_SUCH_SETTING=1 and OFFLOAD_WORKERS=many";
    }

    private static void refused(ServerLauncher launcher, OffloadConfig config, List<String> args,
                                Map<String, String> env, String what, String name, List<String> problems)
            throws Exception {
        try (LaunchedServer started = launcher.launchRaw(config.with("drainTimeout", "1s"), args, env)) {
            problems.add("a process started with " + what + " came up listening instead of refusing the setting"
                    + " (SPEC.md CFG-1)");
        } catch (LaunchedServer.NotStarted e) {
            String tail = e.outputTail();
            String plain = tail.toLowerCase(java.util.Locale.ROOT).replace("_", "");
            if (!plain.contains(name.toLowerCase(java.util.Locale.ROOT).replace("_", ""))) {
                problems.add("a process started with " + what + " exited without naming " + name + ": "
                        + (tail.isBlank() ? "(no output)" : tail));
            } else if (tail.contains("\tat ") || tail.contains("Exception in thread")) {
                problems.add("a process started with " + what + " printed a stack trace instead of one line: " + tail);
            }
        }
    }

    /**
     * SPEC.md CFG-1 size format, on DRAIN-3's process (launched with {@value #SIZE_WITH_UNIT}): a 9,000-byte e-mail
     * is over the limit; null if it got 413, else what it got. Null as well for a launcher that cannot pass the
     * setting so written (then the process runs with the config's own limit).
     */
    static String sizeUnitProblem(ServerLauncher launcher, Probe q) throws Exception {
        if (!launcher.acceptsRawSettings()) {
            return null;
        }
        String pad = "x".repeat(9_000);
        var r = q.postJson("/send-email", "{\"to\":\"size@example.com\",\"subject\":\"s\",\"body\":\"" + pad + "\"}");
        return r.statusCode() == 413 ? null : "a 9,000-byte e-mail to a process started with maxBodyBytes="
                + SIZE_WITH_UNIT + " answered " + Answer.of(r) + "; expected 413 (SPEC.md CFG-1: sizes such as 64KiB)";
    }
}
