package dev.offload.tck;

import dev.offload.spec.TaskState;
import dev.offload.spec.TaskView;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** TIMEOUT-1..3: the guide's {@code context.WithTimeout}: a deadline that answers 408 and stops the work. */
public final class TimeoutChecks {
    /** A 408 may come this early (timer granularity)… */
    private static final long EARLY_MS = 20;

    /** …and this late, plus a fifth of the deadline: generous for a busy 2-core machine, tight for a lost timer. */
    static long lateMarginMs(long deadlineMs) {
        return 250 + deadlineMs / 5;
    }

    /**
     * TIMEOUT-1: {@code GET /slow?ms=deadline/4} answers 200 {@code {"result","taskId"}} with {@code X-Task-Id}
     * and the task ends SUCCEEDED; {@code GET /slow?ms=10&fail=true} answers 500 WORK_FAILED with the JSON error
     * and {@code X-Task-Id}; {@code GET /slow} without {@code ms} works the default 1000 ms (a 408 when the deadline
     * is shorter).
     *
     * <p>If it fails: the deadline fires for work that finished in time, the result is not returned, or the work's
     * exception escapes as the server's own 500 page instead of the JSON error.
     */
    @Cites({"CONV-2", "CONV-3"})
    public Verdict required_TIMEOUT_1_workWithinDeadlineAnswers200AndFailureAnswers500(Probe p) throws Exception {
        long deadline = p.config().slowDeadline().toMillis();
        long ms = Math.max(1, deadline / 4);
        long start = System.nanoTime();
        HttpResponse<String> ok = p.get("/slow?ms=" + ms);
        long took = Probe.millisSince(start);
        Probe.require(ok.statusCode() == 200, "GET /slow?ms=" + ms + " (deadline " + deadline + " ms) answered "
                + ok.statusCode() + " " + Probe.abbreviate(ok.body(), 60));
        var body = Probe.json(ok.body());
        String taskId = ok.headers().firstValue("X-Task-Id").orElse("");
        Probe.require(body.path("result").isTextual() && taskId.equals(body.path("taskId").asText()),
                "200 body " + Probe.abbreviate(ok.body(), 80) + " is not {\"result\",\"taskId\"} matching X-Task-Id "
                        + taskId);
        TaskState state = p.awaitEnd(taskId, Duration.ofSeconds(2)).map(TaskView::state).orElse(null);
        Probe.require(state == TaskState.SUCCEEDED, "task " + taskId + " ended " + state);
        HttpResponse<String> failed = p.get("/slow?ms=10&fail=true");
        Probe.require(failed.statusCode() == 500, "GET /slow?ms=10&fail=true answered " + Answer.of(failed)
                + "; expected 500 WORK_FAILED");
        String problem = Probe.errorBodyProblem(failed);
        Probe.require(problem == null, problem);
        Probe.require("WORK_FAILED".equals(Probe.errorCode(failed.body())), "500 with code "
                + Probe.errorCode(failed.body()) + ", not WORK_FAILED");
        Probe.require(failed.headers().firstValue("X-Task-Id").isPresent(), "the 500 of GET /slow?ms=10&fail=true"
                + " has no X-Task-Id (SPEC.md CONV-2: every /slow reply carries it)");
        String defaults = defaultMs(p, deadline);
        return Verdict.pass("200 after " + took + " ms for " + ms + " ms of work (deadline " + deadline
                + " ms), task SUCCEEDED; fail=true → 500 WORK_FAILED; " + defaults).withValue(took, "ms");
    }

    /**
     * SPEC.md CONV-3: {@code /slow} without {@code ms} works 1000 ms: past a deadline below 1 s that is a 408, else
     * a 200 after about a second.
     */
    private static String defaultMs(Probe p, long deadline) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = p.get("/slow");
        long took = Probe.millisSince(start);
        if (deadline < 1_000 - EARLY_MS) {
            Probe.require(r.statusCode() == 408, "GET /slow without ms answered " + Answer.of(r) + " after " + took
                    + " ms; with the default of 1000 ms of work (SPEC.md CONV-3) and a deadline of " + deadline
                    + " ms it should be 408");
        } else {
            Probe.require(r.statusCode() == 200 && took >= 1_000 - EARLY_MS, "GET /slow without ms answered "
                    + r.statusCode() + " after " + took + " ms; expected 200 after the default 1000 ms of work"
                    + " (SPEC.md CONV-3)");
        }
        return "without ms " + r.statusCode() + " after " + took + " ms (default 1000 ms of work)";
    }


    /**
     * TIMEOUT-2: {@code GET /slow} with work three times the deadline answers 408 TIMEOUT (JSON) at the deadline:
     * the best of up to three tries lies between {@code slowDeadline - 20 ms} and {@code slowDeadline + 250 ms +
     * slowDeadline/5}; its task ({@code X-Task-Id}) ends TIMED_OUT and nothing stays running.
     *
     * <p>If it fails: the 408 waits for the work to end (no timer racing it), the timer runs on a busy or coarse
     * scheduler, or the work is not interrupted (the task ends SUCCEEDED later, or stays RUNNING).
     */
    @Cites({"CONV-2", "CONV-4"})
    public Verdict required_TIMEOUT_2_deadlineAnswers408AndInterruptsWork(Probe p) throws Exception {
        long deadline = p.config().slowDeadline().toMillis();
        long ms = Math.min(60_000, deadline * 3 + 500);
        long late = deadline + lateMarginMs(deadline);
        p.get("/slow?ms=" + ms); // warm-up of the timeout path
        long best = Long.MAX_VALUE;
        String taskId = null;
        for (int tries = 0; tries < 3 && !(best >= deadline - EARLY_MS && best <= late); tries++) {
            long start = System.nanoTime();
            HttpResponse<String> r = p.get("/slow?ms=" + ms);
            long took = Probe.millisSince(start);
            Probe.require(r.statusCode() == 408, "GET /slow?ms=" + ms + " (deadline " + deadline + " ms) answered "
                    + r.statusCode() + " after " + took + " ms");
            String problem = Probe.errorBodyProblem(r);
            Probe.require(problem == null, problem);
            Probe.require("TIMEOUT".equals(Probe.errorCode(r.body())), "408 with code "
                    + Probe.errorCode(r.body()) + ", not TIMEOUT");
            Probe.require(took >= deadline - EARLY_MS, "408 after " + took + " ms, before the deadline of "
                    + deadline + " ms");
            taskId = r.headers().firstValue("X-Task-Id").orElse(null);
            Probe.require(taskId != null, "408 without X-Task-Id");
            String id = taskId;
            Optional<TaskView> view = p.awaitEnd(id, Duration.ofSeconds(1));
            TaskState state = view.map(TaskView::state).orElse(null);
            Probe.require(state == TaskState.TIMED_OUT, "task " + id + " is " + state + " after the 408, not "
                    + "TIMED_OUT");
            best = Math.min(best, took);
        }
        var stats = p.awaitStats(s -> s.running() == 0, Duration.ofSeconds(1));
        Probe.require(stats.running() == 0, stats.running() + " tasks still running 1 s after the 408s: the work"
                + " was not interrupted");
        String figure = "408 after " + best + " ms, deadline " + deadline + " ms; task " + taskId + " TIMED_OUT";
        return (best <= late ? Verdict.pass(figure) : Verdict.fail(figure + "; later than " + late + " ms"))
                .withValue(best - deadline, "ms overshoot");
    }

    /**
     * TIMEOUT-3: on one keep-alive connection, {@code GET /slow} past the deadline gets its 408; while the timed-out
     * work would still have run, nothing else arrives on the connection; then {@code GET /plaintext} and a short
     * {@code GET /slow} on the same connection get their own normal answers, with nothing (no header, no body, no
     * task id) of the timed-out work.
     *
     * <p>If it fails: the timed-out work still writes to the exchange it was given (a late 200 on the connection),
     * the 408 closes keep-alive, or response state (headers) from the abandoned exchange reaches the next one.
     */
    public Verdict required_TIMEOUT_3_connectionReusableAfter408WithoutLeaks(Probe p) throws Exception {
        long deadline = p.config().slowDeadline().toMillis();
        long ms = deadline + 300;
        try (RawConnection conn = p.raw()) {
            long start = System.nanoTime();
            conn.send(conn.get("/slow?ms=" + ms));
            RawResponse timedOut = conn.readResponse();
            Probe.require(timedOut.status() == 408, "GET /slow?ms=" + ms + " answered " + timedOut.status());
            Probe.require(!timedOut.closesConnection(), "the 408 closed the keep-alive connection (Connection: close)");
            String taskId = timedOut.header("X-Task-Id").orElse("?");
            // Give the abandoned work time to finish and (wrongly) write: anything arriving now is a leak.
            long left = ms + 150 - Probe.millisSince(start);
            byte[] stray = conn.extraBytes(Duration.ofMillis(Math.max(50, left)));
            Probe.require(stray != null, "the server closed the connection after the 408");
            Probe.require(stray.length == 0, "after the 408, " + stray.length + " stray bytes arrived: "
                    + Probe.abbreviate(new String(stray, java.nio.charset.StandardCharsets.ISO_8859_1), 80));
            RawResponse plain;
            try {
                conn.send(conn.get("/plaintext"));
                plain = conn.readResponse();
            } catch (IOException e) {
                throw new CheckFailed("the connection did not serve a request after the 408: " + e.getMessage());
            }
            Probe.require(plain.status() == 200 && plain.bodyText().equals("Hello, World!"), "next GET /plaintext"
                    + " on the connection answered " + plain.status() + " " + Probe.abbreviate(plain.bodyText(), 60));
            Probe.require(carriesNothingOf(plain, taskId), "next response carries task " + taskId + ": "
                    + plain.headers());
            conn.send(conn.get("/slow?ms=5"));
            RawResponse quick = conn.readResponse();
            Probe.require(quick.status() == 200, "short GET /slow after the 408 answered " + quick.status());
            String quickId = quick.header("X-Task-Id").orElse("");
            Probe.require(!quickId.equals(taskId) && Probe.json(quick.bodyText()).path("taskId").asText()
                    .equals(quickId), "short /slow answered for task " + quickId + " / body "
                    + Probe.abbreviate(quick.bodyText(), 60) + " after task " + taskId + " timed out");
            Probe.require(quick.headers("X-Task-Id").size() == 1, "short /slow carries X-Task-Id "
                    + quick.headers("X-Task-Id"));
            return Verdict.pass("after the 408 (task " + taskId + ") the same connection served /plaintext and "
                    + "/slow; nothing of the timed-out work arrived");
        }
    }

    private static boolean carriesNothingOf(RawResponse r, String taskId) {
        return r.headers("X-Task-Id").isEmpty() && !r.bodyText().contains(taskId);
    }
}
