package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static dev.offload.tck.DrainProcesses.START_WAIT;
import static dev.offload.tck.DrainProcesses.await;
import static dev.offload.tck.DrainProcesses.inBackground;
import static dev.offload.tck.DrainProcesses.launchConfig;
import static dev.offload.tck.DrainProcesses.launched;
import static dev.offload.tck.DrainProcesses.noLauncher;
import static dev.offload.tck.DrainProcesses.sleepUntil;
import static dev.offload.tck.DrainProcesses.stderr;

/**
 * DRAIN-1..3: the guide's graceful shutdown, on a real process and a real SIGTERM. Each check launches its own
 * server process with the target's {@link ServerLauncher}, puts work in flight, signals, and judges what the
 * clients see, what the process prints last, and when it exits. Without a launcher they are SKIPPED.
 */
public final class DrainChecks {
    /**
     * New-work attempts start this long after the signal: time for it to be delivered and the JVM (or runtime) to
     * run its shutdown hook, which on a loaded two-core machine can take over 100 ms.
     */
    static final long SIGNAL_DELIVERY_MS = 250;
    /** How long DRAIN-1 keeps knocking. */
    private static final long KNOCK_MS = 2_500;
    private static final String EMAIL = "{\"to\":\"drain@example.com\",\"subject\":\"s\",\"body\":\"b\"}";

    /**
     * DRAIN-1: with a request in flight (so the process is still draining), after SIGTERM no new work is accepted:
     * {@code POST /send-email} and {@code POST /job} sent from {@value #SIGNAL_DELIVERY_MS} ms after the signal
     * until the process exits, on new connections and on a keep-alive connection opened before the signal, are
     * refused at connect, closed, or answered 503 SHUTTING_DOWN with {@code Connection: close} and
     * {@code Retry-After}; never 2xx.
     *
     * <p>If it fails: the server keeps its listener open and its handlers accepting until the drain ends (check the
     * shutdown order: stop accepting first, then wait for in-flight, then drain background work), or it answers 503
     * but keeps the connection open for more.
     */
    @Cites({"CONV-7"})
    public Verdict required_DRAIN_1_noNewWorkAfterSigterm(Probe p) throws Exception {
        ServerLauncher launcher = p.target().launcher().orElse(null);
        if (launcher == null) {
            return noLauncher();
        }
        try (LaunchedServer s = launched(p, Behaviour.DRAIN_1)) {
            Probe q = p.on(s.base());
            RawConnection pinned = q.raw();
            pinned.send(pinned.get("/plaintext"));
            Probe.require(pinned.readResponse().status() == 200, "GET /plaintext on the launched server failed");
            RawConnection inFlight = q.raw();
            inFlight.send(inFlight.get("/slow?ms=1500"));
            q.awaitStats(st -> st.running() >= 1, START_WAIT);
            s.sigterm();
            long signalled = s.signalledAt();
            sleepUntil(signalled, SIGNAL_DELIVERY_MS);
            List<String> bad = new ArrayList<>();
            int refused = 0;
            int closed = 0;
            int unavailable = 0;
            int attempts = 0;
            boolean pinnedTried = false;
            while (s.process().isAlive() && Probe.millisSince(signalled) < KNOCK_MS) {
                attempts++;
                boolean job = attempts % 2 == 0;
                String request;
                RawConnection conn;
                if (!pinnedTried) {
                    pinnedTried = true;
                    conn = pinned;
                } else {
                    try {
                        conn = q.raw();
                    } catch (ConnectException e) {
                        refused++;
                        Thread.sleep(20);
                        continue;
                    }
                }
                long at = Probe.millisSince(signalled);
                request = job ? conn.request("POST", "/job", "Content-Type: application/x-www-form-urlencoded",
                        "Content-Length: 12") + "data=d&ms=10"
                        : conn.request("POST", "/send-email", "Content-Type: application/json",
                        "Content-Length: " + EMAIL.length()) + EMAIL;
                String where = (conn == pinned ? "kept-alive " : "new ") + (job ? "POST /job" : "POST /send-email");
                try (conn) {
                    conn.setReadTimeout(Duration.ofSeconds(5));
                    conn.send(request);
                    RawResponse r = conn.readResponse();
                    boolean retryAfter = r.header("Retry-After").isPresent();
                    if (r.status() == 503 && r.closesConnection() && retryAfter
                            && "SHUTTING_DOWN".equals(Probe.errorCode(r.bodyText()))) {
                        unavailable++;
                    } else if (r.status() == 503) {
                        bad.add(where + " at +" + at + " ms: 503 " + Probe.errorCode(r.bodyText())
                                + (r.closesConnection() ? "" : " without Connection: close")
                                + (retryAfter ? "" : " without Retry-After")
                                + ", expected SHUTTING_DOWN with Connection: close and Retry-After (SPEC.md CONV-7)");
                    } else {
                        bad.add(where + " at +" + at + " ms: " + r.status() + " " + Probe.abbreviate(r.bodyText(), 50));
                    }
                } catch (IOException e) {
                    closed++;
                }
                Thread.sleep(20);
            }
            inFlight.close();
            s.awaitExit(Duration.ofSeconds(15));
            String figure = attempts + " attempts from +" + SIGNAL_DELIVERY_MS + " ms after SIGTERM: " + refused
                    + " refused, " + closed + " closed, " + unavailable + " answered 503 + Connection: close";
            if (!bad.isEmpty()) {
                return Verdict.fail(figure + "; but " + bad.size() + " accepted or mis-refused: "
                        + String.join("; ", bad.subList(0, Math.min(3, bad.size()))));
            }
            return Verdict.pass(figure + "; no work accepted").withValue(0, "accepted after SIGTERM");
        }
    }

    /**
     * DRAIN-2: with a {@code /slow}, a {@code /work?stream=false} (whose connection a CANCEL-3 server watches) and a
     * streaming {@code /work} request in flight, 3 e-mails and 4 jobs accepted, SIGTERM: the in-flight requests
     * complete normally (200, every progress line and {@code done}), the process
     * exits by itself within {@code drainTimeout} + 2 s, and its last stdout line is
     * {@code {"event":"drained","completed":N,"abandoned":[]}} with N counting at least the 7 accepted pieces.
     *
     * <p>If it fails: the shutdown hook stops the server without a graceful phase (in-flight requests cut), exits
     * before the background work ended (no wait on the tracker), prints something after the drained line, or
     * never exits (a non-daemon thread or an executor left running).
     */
    @Cites({"PROC-1"})
    public Verdict required_DRAIN_2_inFlightAndAcceptedWorkFinishes(Probe p) throws Exception {
        ServerLauncher launcher = p.target().launcher().orElse(null);
        if (launcher == null) {
            return noLauncher();
        }
        OffloadConfig config = launchConfig(p, Behaviour.DRAIN_2);
        try (LaunchedServer s = launched(p, Behaviour.DRAIN_2)) {
            Probe q = p.on(s.base());
            CompletableFuture<String> slow = inBackground(() -> {
                try (RawConnection c = q.raw()) {
                    c.send(c.get("/slow?ms=1200"));
                    RawResponse r = c.readResponse();
                    return r.status() == 200 ? null : "/slow answered " + r.status();
                }
            });
            // a watched connection (CANCEL-3): a graceful stop is not a departure, the work must still be answered
            CompletableFuture<String> waiting = inBackground(() -> {
                try (RawConnection c = q.raw()) {
                    c.send(c.get("/work?ms=1200&stream=false"));
                    RawResponse r = c.readResponse();
                    return r.status() == 200 && r.bodyText().contains("\"done\"") ? null
                            : "/work?stream=false answered " + Evidence.of(r);
                }
            });
            Probe.require(q.awaitStats(st -> st.running() >= 2, START_WAIT).running() >= 2,
                    "the in-flight /slow and /work?stream=false never started");
            RawConnection work = q.raw();
            work.send(work.get("/work?ms=1200"));
            RawResponse head = work.readHead();
            Probe.require(head.status() == 200, "/work answered " + head.status());
            InputStream stream = work.body(head);
            Probe.require(RawConnection.bodyLine(stream) != null, "/work sent no first line");
            CompletableFuture<String> streamed = inBackground(() -> {
                try (work) {
                    String last = null;
                    for (String line = RawConnection.bodyLine(stream); line != null;
                         line = RawConnection.bodyLine(stream)) {
                        last = line;
                    }
                    return last != null && last.contains("\"done\"") ? null : "/work stream ended with " + last;
                }
            });
            int accepted = 0;
            for (int i = 0; i < 3; i++) {
                Probe.require(q.postJson("/send-email", EMAIL).statusCode() == 202, "e-mail not accepted before SIGTERM");
                accepted++;
            }
            for (int i = 0; i < 4; i++) {
                Probe.require(q.postForm("/job", "data=drain-" + i + "&ms=600").statusCode() == 202,
                        "job not accepted before SIGTERM");
                accepted++;
            }
            s.sigterm();
            List<String> problems = new ArrayList<>();
            String slowProblem = await(slow, "/slow");
            String workProblem = await(streamed, "/work");
            String waitingProblem = await(waiting, "/work?stream=false");
            if (slowProblem != null) {
                problems.add("in-flight " + slowProblem);
            }
            if (workProblem != null) {
                problems.add("in-flight " + workProblem);
            }
            if (waitingProblem != null) {
                problems.add("in-flight " + waitingProblem);
            }
            long limit = config.drainTimeout().toMillis() + 2_000;
            boolean exited = s.awaitExit(Duration.ofMillis(limit - Probe.millisSince(s.signalledAt())));
            long exitMs = Probe.millisSince(s.signalledAt());
            if (!exited) {
                problems.add("still running " + exitMs + " ms after SIGTERM");
            }
            if (!s.printedStarted()) {
                problems.add("the process printed no {\"event\":\"started\"} line when it listened (SPEC.md"
                        + " PROC-1)");
            }
            JsonNode drained = s.drainedAsLastLine().orElse(null);
            if (drained == null) {
                problems.add("last stdout line is not the drained event: " + s.lastLine().orElse("(nothing)"));
            } else {
                if (!drained.path("abandoned").isArray() || !drained.path("abandoned").isEmpty()) {
                    problems.add("abandoned " + drained.path("abandoned"));
                }
                if (drained.path("completed").asInt(-1) < accepted) {
                    problems.add("completed " + drained.path("completed") + " < " + accepted + " accepted");
                }
            }
            if (!problems.isEmpty()) {
                return Verdict.fail(String.join("; ", problems) + (exited ? " (exit " + s.process().exitValue() + ")"
                        : "") + stderr(s));
            }
            return Verdict.pass("in-flight /slow 200, /work?stream=false 200 and /work done; " + accepted + " accepted pieces; exited "
                    + exitMs + " ms after SIGTERM with " + drained).withValue(exitMs, "ms");
        }
    }

    /**
     * DRAIN-3: with {@code drainTimeout=PT1S} (ISO-8601, one of SPEC.md's duration formats) and
     * {@code maxBodyBytes=8KiB} (a 9,000-byte e-mail gets 413), three jobs of 20 s (two running, one queued) and one e-mail accepted,
     * SIGTERM: the process exits by itself within drainTimeout + 2 s, and its last line lists exactly the three
     * job ids under {@code abandoned}, the e-mail counted as completed. The drain budget being a setting, the same
     * check asks what start-up does with bad settings (SPEC.md CFG-1): a process started with
     * {@code --noSuchSetting=1} (or, for a launcher that passes settings only as variables,
     * {@code OFFLOAD_NO_SUCH_SETTING=1} and {@code OFFLOAD_WORKERS=many}) must exit with a line naming the setting,
     * not come up and not print a stack trace.
     *
     * <p>If it fails: the drain waits for the work without a deadline (exit too late), cancels it without listing
     * it (work disappears silently), or lists work that did complete.
     */
    @Cites({"PROC-1", "CFG-1"})
    public Verdict required_DRAIN_3_overdueWorkAbandonedAndListed(Probe p) throws Exception {
        ServerLauncher launcher = p.target().launcher().orElse(null);
        if (launcher == null) {
            return noLauncher();
        }
        OffloadConfig config = launchConfig(p, Behaviour.DRAIN_3);
        try (LaunchedServer s = launched(p, Behaviour.DRAIN_3)) {
            Probe q = p.on(s.base());
            Set<String> jobs = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                var r = q.postForm("/job", "data=overdue-" + i + "&ms=20000");
                Probe.require(r.statusCode() == 202, "job not accepted: " + r.statusCode());
                jobs.add(Probe.json(r.body()).path("jobId").asText());
            }
            Probe.require(q.postJson("/send-email", EMAIL).statusCode() == 202, "e-mail not accepted");
            String sizeProblem = DrainProcesses.sizeUnitProblem(launcher, q);
            Probe.require(q.awaitStats(st -> st.running() >= 2, START_WAIT).running() >= 2,
                    "the jobs never started");
            s.sigterm();
            long limit = config.drainTimeout().toMillis() + 2_000;
            boolean exited = s.awaitExit(Duration.ofMillis(limit + 5_000));
            long exitMs = Probe.millisSince(s.signalledAt());
            List<String> problems = new ArrayList<>();
            if (!exited) {
                problems.add("still running " + exitMs + " ms after SIGTERM");
            } else if (exitMs > limit) {
                problems.add("exited " + exitMs + " ms after SIGTERM, later than drainTimeout + 2 s = " + limit + " ms");
            }
            JsonNode drained = s.drainedAsLastLine().orElse(null);
            Set<String> abandoned = new HashSet<>();
            if (drained == null) {
                problems.add("last stdout line is not the drained event: " + s.lastLine().orElse("(nothing)"));
            } else {
                drained.path("abandoned").forEach(n -> abandoned.add(n.asText()));
                if (!abandoned.equals(jobs)) {
                    problems.add("abandoned " + drained.path("abandoned") + ", expected the unfinished jobs " + jobs);
                }
                if (drained.path("completed").asInt(-1) < 1) {
                    problems.add("completed " + drained.path("completed") + ", expected the e-mail to count");
                }
            }
            if (sizeProblem != null) {
                problems.add(sizeProblem);
            }
            problems.addAll(DrainProcesses.settingsRefusalProblems(launcher, config));
            if (!problems.isEmpty()) {
                return Verdict.fail(String.join("; ", problems) + stderr(s));
            }
            return Verdict.pass("exited " + exitMs + " ms after SIGTERM (drainTimeout given as "
                    + DrainProcesses.ISO_DRAIN_TIMEOUT + ", maxBodyBytes as " + DrainProcesses.SIZE_WITH_UNIT
                    + ", a 9,000-byte e-mail refused 413) listing abandoned "
                    + drained.path("abandoned") + "; completed " + drained.path("completed") + "; start-up refused "
                    + DrainProcesses.refusedSettings(launcher))
                    .withValue(exitMs, "ms");
        }
    }
}
