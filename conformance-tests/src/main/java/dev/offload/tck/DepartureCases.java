package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.StatsView;
import dev.offload.spec.TaskState;
import dev.offload.spec.TaskView;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The cases CANCEL-3 is judged on, all with {@code GET /work?stream=false} over one raw HTTP/1.1 connection (the
 * server writes nothing until the work ends). Three departures that must cancel the work within
 * {@link CancelChecks#CANCEL_WITHIN}, and four clients that stay and must get their answer, so a server cannot pass
 * by cancelling whenever anything at all happens on the connection.
 */
final class DepartureCases {
    /** Long enough that the work cannot end by itself while a departure case watches it. */
    static final int WAITING_WORK_MS = 2_000;
    /** The controls' work: long enough for a watch to misfire, short enough to keep the check quick. */
    static final int CONTROL_WORK_MS = 800;
    private static final String BODY = "{\"ignored\":\"a body /work does not use\"}";

    /** One case's outcome and what it measured. */
    record Case(String name, boolean ok, String figure, long millis) {
        @Override
        public String toString() {
            return name + " " + figure;
        }
    }

    /** How a departing client leaves its connection. */
    interface Departure {
        void leave(RawConnection conn) throws IOException;
    }

    /** One case's body; its {@link CheckFailed} or I/O failure fails that case only. */
    interface Body {
        Case run() throws Exception;
    }

    /** Runs one case so that what breaks it is recorded in its own figure and the other cases still run. */
    static Case attempt(String name, Body body) throws Exception {
        try {
            return body.run();
        } catch (CheckFailed | IOException e) {
            return new Case(name, false, Evidence.failure(e), 0);
        }
    }

    private DepartureCases() {
    }

    /** A client starts the work, then leaves in {@code how}; the task must be CANCELLED within 1 s. */
    static Case departure(Probe p, String name, Departure how) throws Exception {
        StatsView before = p.settle();
        try (RawConnection conn = p.raw()) {
            conn.send(conn.get(work(WAITING_WORK_MS)));
            awaitRunning(p, before, name);
            long leftAt = System.nanoTime();
            how.leave(conn);
            StatsView after = p.awaitStats(s -> s.cancelled() > before.cancelled(), CancelChecks.CANCEL_WITHIN);
            long seen = Probe.millisSince(leftAt);
            boolean cancelled = after.cancelled() > before.cancelled() && seen <= CancelChecks.CANCEL_WITHIN.toMillis();
            return new Case(name, cancelled, cancelled ? "CANCELLED " + seen + " ms after"
                    : "task still running " + seen + " ms after (cancelled " + before.cancelled() + " -> "
                    + after.cancelled() + ", running " + after.running() + ")", seen);
        }
    }

    /** Control: a client that sends nothing more and keeps the connection open gets its answer. */
    static Case silentClient(Probe p) throws Exception {
        try (RawConnection conn = p.raw()) {
            conn.send(conn.get(work(CONTROL_WORK_MS)));
            return control("silent client", answered(p, conn, "the answer"), "answered, task SUCCEEDED");
        }
    }

    /** Control: after its answer, a keep-alive client sends its next request on the same connection. */
    static Case keepAliveFollowUp(Probe p) throws Exception {
        try (RawConnection conn = p.raw()) {
            conn.send(conn.get(work(CONTROL_WORK_MS)));
            String problem = answered(p, conn, "the first answer");
            if (problem == null) {
                conn.send(conn.get(work(50)));
                problem = answered(p, conn, "the follow-up");
            }
            return control("keep-alive follow-up", problem, "both answered, tasks SUCCEEDED");
        }
    }

    /**
     * Control: while the work runs, the client pipelines its next request on the same connection (RFC 9112 §9.3.2);
     * both must be answered, in order. A server that reads the connection to watch it sees bytes, not a departure.
     */
    static Case pipelinedFollowUp(Probe p) throws Exception {
        StatsView before = p.settle();
        try (RawConnection conn = p.raw()) {
            conn.send(conn.get(work(CONTROL_WORK_MS)));
            awaitRunning(p, before, "pipelined follow-up");
            conn.send(conn.get("/plaintext"));
            String problem = answered(p, conn, "the first answer");
            if (problem == null) {
                RawResponse second = conn.readResponse();
                if (second.status() != 200 || !second.bodyText().startsWith("Hello, World!")) {
                    problem = "the pipelined /plaintext got " + Evidence.of(second);
                }
            }
            return control("pipelined follow-up", problem, "both answered in order, task SUCCEEDED");
        }
    }

    /**
     * Control: the request carries a body that arrives in two parts, the second once the work runs (or 500 ms
     * later); then the client waits. The body's bytes are the request's own, not a next request or a departure.
     */
    static Case bodyThenWait(Probe p) throws Exception {
        StatsView before = p.settle();
        int half = BODY.length() / 2;
        try (RawConnection conn = p.raw()) {
            conn.send(conn.get(work(CONTROL_WORK_MS), "Content-Type: application/json",
                    "Content-Length: " + BODY.length()) + BODY.substring(0, half));
            // the rest once the work runs, or after a bounded wait if the server reads the body before it starts
            p.awaitStats(s -> s.running() > before.running(), Duration.ofMillis(500));
            conn.send(BODY.substring(half));
            return control("body then wait", answered(p, conn, "the answer"), "answered, task SUCCEEDED");
        }
    }

    static String work(int ms) {
        return "/work?ms=" + ms + "&stream=false";
    }

    private static void awaitRunning(Probe p, StatsView before, String name) throws Exception {
        StatsView running = p.awaitStats(s -> s.running() > before.running(), Duration.ofSeconds(3));
        Probe.require(running.running() > before.running(), "the work never started running");
    }

    private static Case control(String name, String problem, String passed) {
        return new Case(name, problem == null, problem == null ? passed : problem, 0);
    }

    /** Null if the next response on {@code conn} is the 200 of a SUCCEEDED /work, else what it was instead. */
    private static String answered(Probe p, RawConnection conn, String what) throws Exception {
        RawResponse r;
        try {
            r = conn.readResponse();
        } catch (IOException e) {
            return "no answer (" + Evidence.failure(e) + "): the work was given up on a client that stayed";
        }
        if (r.status() != 200) {
            return what + " was " + Evidence.of(r);
        }
        JsonNode body = Probe.json(r.bodyText());
        String id = body.path("taskId").asText("");
        if (!"done".equals(body.path("result").asText()) || id.isEmpty()) {
            return what + " was " + Evidence.of(r) + ", not {\"taskId\",\"result\":\"done\"}";
        }
        Optional<TaskView> view = p.awaitEnd(id, Duration.ofSeconds(2));
        TaskState state = view.map(TaskView::state).orElse(null);
        return state == TaskState.SUCCEEDED ? null : what + ": task " + id + " ended " + state;
    }
}
