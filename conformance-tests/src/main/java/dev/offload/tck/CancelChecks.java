package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.StatsView;
import dev.offload.spec.TaskState;
import dev.offload.spec.TaskView;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CANCEL-1..4: work bound to the request's cancellation scope (Fiber's {@code c.UserContext()}). The client leaves
 * in the three ways a real one does: mid-stream over HTTP/1.1, while a non-streaming HTTP/1.1 request waits, and
 * with an HTTP/2 stream reset or connection close. The task's state (or the {@code cancelled} counter, when the
 * reply that names the task never arrives) shows whether the server noticed.
 */
public final class CancelChecks {
    /** How fast a cancelled task must be seen CANCELLED. */
    static final Duration CANCEL_WITHIN = Duration.ofSeconds(1);
    /** Long enough that the work cannot end by itself while a check watches it; short enough to settle soon. */
    private static final int STREAM_WORK_MS = 5_000;
    private static final int WAITING_WORK_MS = DepartureCases.WAITING_WORK_MS;

    /**
     * CANCEL-1: {@code GET /work?ms=5000} streams {@code {"taskId"}} then progress lines; the client reads the first
     * lines and closes the connection; the task must be CANCELLED within 1 s.
     *
     * <p>If it fails: the handler ignores the failed write of the next progress line (or catches it and carries on)
     * instead of cancelling the request's scope, or the work is not forked in that scope at all. The figure gives the
     * task's state one second after the disconnect.
     */
    public Verdict required_CANCEL_1_streamingWorkCancelledOnDisconnect(Probe p) throws Exception {
        String taskId;
        long closedAt;
        try (RawConnection conn = p.raw()) {
            conn.send(conn.get("/work?ms=" + STREAM_WORK_MS));
            RawResponse head = conn.readHead();
            Probe.require(head.status() == 200, "GET /work answered " + head.status());
            InputStream body = conn.body(head);
            String first = RawConnection.bodyLine(body);
            Probe.require(first != null, "the stream ended before its first line");
            taskId = Probe.json(first).path("taskId").asText(head.header("X-Task-Id").orElse(""));
            Probe.require(!taskId.isEmpty(), "first line " + first + " names no taskId");
            Probe.require(RawConnection.bodyLine(body) != null, "the stream ended before its first progress line");
            closedAt = System.nanoTime();
        }
        Optional<TaskView> view = p.awaitTask(taskId, TaskState::isTerminal, CANCEL_WITHIN);
        long seen = Probe.millisSince(closedAt);
        TaskState state = view.map(TaskView::state).orElse(null);
        if (state == TaskState.CANCELLED && seen <= CANCEL_WITHIN.toMillis()) {
            return Verdict.pass("task " + taskId + " CANCELLED " + seen + " ms after the client disconnected")
                    .withValue(seen, "ms");
        }
        return Verdict.fail("task " + taskId + " still " + state + " " + seen + " ms after the client disconnected")
                .withValue(seen, "ms");
    }

    /**
     * CANCEL-2: without a disconnect, {@code GET /work?ms=M} answers 200 {@code application/x-ndjson} with header
     * {@code X-Task-Id}, streams {@code {"taskId"}}, then {@code {"progress":1}} .. {@code {"progress":n}} in order
     * (n = M / heartbeat, rounded up), then {@code {"result":"done"}}; the first line arrives before the work could
     * have ended (it is streamed, not buffered) and the task ends SUCCEEDED.
     *
     * <p>If it fails: lines are lost, reordered or batched (output not flushed per line), or the scope cancels work
     * that finished normally; the figure lists what arrived.
     */
    @Cites({"CONV-2"})
    public Verdict required_CANCEL_2_streamCompletesWithEveryProgressLine(Probe p) throws Exception {
        long heartbeat = p.config().heartbeat().toMillis();
        long ms = Math.max(300, heartbeat * 8);
        int expected = (int) ((ms + heartbeat - 1) / heartbeat);
        long start = System.nanoTime();
        HttpResponse<InputStream> r = p.http().send(p.request("/work?ms=" + ms).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        long firstLineAt = -1;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (firstLineAt < 0) {
                    firstLineAt = Probe.millisSince(start);
                }
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
        }
        Probe.require(r.statusCode() == 200, "GET /work answered " + r.statusCode());
        String type = r.headers().firstValue("Content-Type").orElse("");
        Probe.require(type.startsWith("application/x-ndjson"), "Content-Type " + type + ", not application/x-ndjson");
        String header = r.headers().firstValue("X-Task-Id").orElse(null);
        Probe.require(header != null, "no X-Task-Id header");
        Probe.require(lines.size() == expected + 2, "expected " + (expected + 2) + " lines (taskId, " + expected
                + " progress, result), got " + lines.size() + ": " + Probe.abbreviate(String.join(" ", lines), 160));
        JsonNode first = Probe.json(lines.get(0));
        Probe.require(header.equals(first.path("taskId").asText()), "first line " + lines.get(0)
                + " does not carry X-Task-Id " + header);
        for (int k = 1; k <= expected; k++) {
            JsonNode line = Probe.json(lines.get(k));
            Probe.require(line.path("progress").asInt(-1) == k, "line " + (k + 1) + " is " + lines.get(k)
                    + ", expected {\"progress\":" + k + "}");
        }
        JsonNode last = Probe.json(lines.get(lines.size() - 1));
        Probe.require("done".equals(last.path("result").asText()), "last line is " + lines.get(lines.size() - 1)
                + ", expected {\"result\":\"done\"}");
        Probe.require(firstLineAt < ms, "first line arrived after " + firstLineAt + " ms, when the " + ms
                + " ms work was over: the stream is buffered");
        Optional<TaskView> view = p.awaitEnd(header, Duration.ofSeconds(2));
        TaskState state = view.map(TaskView::state).orElse(null);
        Probe.require(state == TaskState.SUCCEEDED, "task " + header + " ended " + state + ", not SUCCEEDED");
        return Verdict.pass(expected + " progress lines in order, then done; task " + header
                + " SUCCEEDED; first line after " + firstLineAt + " ms").withValue(expected, "lines");
    }

    /**
     * CANCEL-3: {@code GET /work?ms=2000&stream=false} over HTTP/1.1, where nothing is written until the work ends.
     * Three clients leave once their work runs — closing the connection (FIN), resetting it (RST, SO_LINGER 0) and
     * half-closing it ({@code shutdownOutput}) — and each task should be CANCELLED within 1 s. Four controls stay
     * and must get their 200 with the task SUCCEEDED: a silent client holding the connection open, a keep-alive
     * client that sends its next request after the answer, one that pipelines it while the work runs (both answered
     * in order), and one whose request body arrives in two parts before it waits.
     *
     * <p>If a departure fails: the server cannot see an HTTP/1.1 client leave while it writes nothing (most stacks
     * do not read the socket while a handler runs; Go's net/http does). A server that can watches the connection's
     * read side (a read probe, a close listener) and cancels the request's scope from it. If a control fails, the
     * watch misfires: it took pipelined bytes or the body for a departure, or took bytes away from the next request.
     */
    public Verdict recommended_CANCEL_3_nonStreamingWorkCancelledOnDisconnect(Probe p) throws Exception {
        List<DepartureCases.Case> departures = List.of(
                DepartureCases.attempt("FIN", () -> DepartureCases.departure(p, "FIN", RawConnection::close)),
                DepartureCases.attempt("RST", () -> DepartureCases.departure(p, "RST", RawConnection::reset)),
                DepartureCases.attempt("half-close",
                        () -> DepartureCases.departure(p, "half-close", RawConnection::shutdownOutput)));
        List<DepartureCases.Case> controls = List.of(
                DepartureCases.attempt("silent client", () -> DepartureCases.silentClient(p)),
                DepartureCases.attempt("keep-alive follow-up", () -> DepartureCases.keepAliveFollowUp(p)),
                DepartureCases.attempt("pipelined follow-up", () -> DepartureCases.pipelinedFollowUp(p)),
                DepartureCases.attempt("body then wait", () -> DepartureCases.bodyThenWait(p)));
        String figure = departures.stream().map(DepartureCases.Case::toString).collect(Collectors.joining("; "))
                + "; no false alarm: " + controls.stream().map(DepartureCases.Case::toString)
                .collect(Collectors.joining("; "));
        boolean ok = Stream.concat(departures.stream(), controls.stream()).allMatch(DepartureCases.Case::ok);
        long slowest = departures.stream().mapToLong(DepartureCases.Case::millis).max().orElse(0);
        return (ok ? Verdict.pass(figure) : Verdict.fail(figure)).withValue(slowest, "ms");
    }

    /**
     * CANCEL-4: {@code GET /work?ms=2000&stream=false} over HTTP/2 cleartext (prior knowledge). Once the task runs
     * the client resets the stream (RST_STREAM CANCEL); on a second connection it closes the socket instead. Each
     * time the task should be CANCELLED within 1 s.
     *
     * <p>If it fails: the server does not speak h2c, or does not turn a stream reset / connection loss into a
     * cancellation of the request's scope (look for the server's request failure or close listener).
     *
     * <p>Informational, whatever the verdict: after the reset the connection is read until the work would have ended
     * (or 500 ms, if it was cancelled); a server that still sends frames on the reset stream gets a note in the figure
     * (RFC 9113 §5.1: nothing but PRIORITY on a closed stream; §5.4.2: no RST_STREAM in answer to one).
     */
    public Verdict recommended_CANCEL_4_http2ResetCancelsWork(Probe p) throws Exception {
        String reset;
        String close;
        String note = "";
        boolean resetOk;
        boolean closeOk;
        try {
            StatsView before = p.settle();
            long resetAt;
            try (H2cConnection h2 = H2cConnection.open(p.target().base(), Duration.ofSeconds(5))) {
                long sentAt = System.nanoTime();
                int stream = h2.get("/work?ms=" + WAITING_WORK_MS + "&stream=false");
                awaitRunning(p, before);
                resetAt = System.nanoTime();
                h2.reset(stream);
                Verdict v = cancelledVerdict(p, before, resetAt, "stream reset");
                resetOk = v.outcome() == Outcome.PASS;
                reset = v.figure();
                long workEnd = sentAt + Duration.ofMillis(WAITING_WORK_MS + 1_000).toNanos() - System.nanoTime();
                List<String> after = h2.framesOn(stream, resetOk ? Duration.ofMillis(500) : Duration.ofNanos(workEnd));
                if (!after.isEmpty()) {
                    note = "; note: after the reset the server still sent " + String.join(", ", after) + " on stream "
                            + stream + (after.contains("HEADERS") || after.contains("DATA")
                            ? " (RFC 9113 §5.1: none but PRIORITY on a closed stream)"
                            : " (RFC 9113 §5.4.2: never a RST_STREAM in answer to one)");
                }
            }
            StatsView before2 = p.settle(Duration.ofMillis(WAITING_WORK_MS + 2_000));
            long closedAt;
            try (H2cConnection h2 = H2cConnection.open(p.target().base(), Duration.ofSeconds(5))) {
                h2.get("/work?ms=" + WAITING_WORK_MS + "&stream=false");
                awaitRunning(p, before2);
                closedAt = System.nanoTime();
            }
            Verdict v = cancelledVerdict(p, before2, closedAt, "connection close");
            closeOk = v.outcome() == Outcome.PASS;
            close = v.figure();
        } catch (H2cConnection.NotHttp2 e) {
            return Verdict.fail("no HTTP/2 cleartext: the server " + e.getMessage());
        }
        String figure = "HTTP/2 " + reset + "; " + close + note;
        return resetOk && closeOk ? Verdict.pass(figure) : Verdict.fail(figure);
    }

    private static void awaitRunning(Probe p, StatsView before) throws Exception {
        StatsView running = p.awaitStats(s -> s.running() > before.running(), Duration.ofSeconds(3));
        Probe.require(running.running() > before.running(), "the HTTP/2 request never started its work");
    }

    /** Judges by the counters, since the reply that would name the task never arrives. */
    private static Verdict cancelledVerdict(Probe p, StatsView before, long leftAt, String how) throws Exception {
        StatsView after = p.awaitStats(s -> s.cancelled() > before.cancelled(), CANCEL_WITHIN);
        long seen = Probe.millisSince(leftAt);
        if (after.cancelled() > before.cancelled() && seen <= CANCEL_WITHIN.toMillis()) {
            return Verdict.pass("CANCELLED " + seen + " ms after the " + how).withValue(seen, "ms");
        }
        return Verdict.fail("task still running " + seen + " ms after the " + how + " (cancelled "
                + before.cancelled() + " -> " + after.cancelled() + ", running " + after.running() + ")");
    }
}
