package dev.offload.tck;

import dev.offload.spec.StatsView;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** HTTP-1, LEAK-1 and LIMIT-1: what holds for the server as a whole rather than for one pattern. */
public final class ServerChecks {
    /** LIMIT-1's limit when the TCK starts the limited instance itself. */
    static final int LIMIT = 4;
    /** A refusal slower than this was queued, not refused "at once". */
    static final long AT_ONCE_MS = 500;

    /**
     * HTTP-1: the catalogue's routing and protocol inputs ({@link HostileInputs#http}): unknown paths → 404, wrong
     * methods → 405 with {@code Allow}, bad parameters → 400, wrong Content-Type → 415, each with the JSON error
     * body; oversized headers and request targets, garbage request lines, broken framing and encodings → the
     * server's own 4xx; half a request head and a stall does not block anyone else. None a 5xx; the server serves
     * the next request; nothing starts.
     *
     * <p>If it fails: a route falls through to the server's default error page (HTML, or JSON without the spec's
     * fields), a 405 lacks Allow, a parameter parse exception escapes as 500; the figure names the inputs.
     */
    @Cites({"CONV-1", "CONV-3", "CONV-6", "OBS-1", "OBS-4"})
    public Verdict required_HTTP_1_routingErrorsAnsweredWithJson(Probe p) throws Exception {
        HttpResponse<String> plain = p.get("/plaintext");
        String type = plain.headers().firstValue("Content-Type").orElse("");
        Probe.require(plain.statusCode() == 200 && type.startsWith("text/plain") && "Hello, World!".equals(plain.body()),
                "GET /plaintext answered " + Answer.of(plain) + "; expected 200 text/plain \"Hello, World!\""
                        + " (SPEC.md OBS-4)");
        return HostileInputs.judge(p, HostileInputs.http(), "routing and protocol inputs");
    }

    /**
     * LEAK-1: after a mix of every pattern (copies, e-mails, jobs including a failing one, a timed-out
     * {@code /slow}, an abandoned {@code /work} stream, a failing and a successful fan-out), {@code /stats}
     * {@code active} returns to 0 once the work is due to end.
     *
     * <p>If it fails: some path leaves a task QUEUED or RUNNING for ever (a counter not decremented on a
     * cancel/timeout/reject path, a task never ended after its thread died); the figure shows the stuck counts.
     */
    @Cites({"OBS-2"})
    public Verdict required_LEAK_1_activeReturnsToZero(Probe p) throws Exception {
        p.settle();
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            p.send(p.request("/copy?user_id=leak" + i).header("X-Trace", "leak-" + i).GET().build());
        }
        p.postJson("/send-email", "{\"to\":\"leak@example.com\",\"subject\":\"s\",\"body\":\"b\"}");
        p.postForm("/job", "data=leak&ms=50");
        p.postForm("/job", "data=fail&ms=0");
        p.get("/slow?ms=" + (p.config().slowDeadline().toMillis() + 200));
        p.get("/data?fail=user");
        p.get("/data");
        try (RawConnection conn = p.raw()) {
            conn.send(conn.get("/work?ms=3000"));
            RawResponse head = conn.readHead();
            InputStream body = conn.body(head);
            RawConnection.bodyLine(body);
        }
        long due = p.config().emailDelay().toMillis() + 1_000;
        StatsView s = p.settle(Duration.ofMillis(due).plus(p.settleTimeout()));
        long took = Probe.millisSince(start);
        if (s.active() != 0) {
            return Verdict.fail("active stuck at " + s.active() + " (queued " + s.queued() + ", running "
                    + s.running() + ") " + took + " ms after the mix started").withValue(s.active(), "tasks");
        }
        return Verdict.pass("active back to 0 within " + took + " ms of a mix of 12 requests over every pattern")
                .withValue(0, "tasks");
    }

    /**
     * LIMIT-1: with {@code maxConcurrentRequests} = N (the target's own setting, or an instance the TCK starts with
     * N = 4), N streaming requests held open, further requests get 503 OVERLOADED with {@code Retry-After} and the
     * JSON error within 500 ms, and once the held requests end the server serves again.
     *
     * <p>If it fails: the limit is not configured on the server's own facility (Helidon
     * {@code max-concurrent-requests}, Jetty {@code QoSHandler} with no suspension), the excess requests are queued
     * rather than refused, or the refusal lacks Retry-After or the JSON body.
     */
    @Cites({"CONV-7"})
    public Verdict recommended_LIMIT_1_overloadAnswers503AtOnce(Probe p) throws Exception {
        if (p.config().limitsConcurrentRequests()) {
            return limited(p, p.config().maxConcurrentRequests());
        }
        var starter = p.target().starter().orElse(null);
        if (starter == null) {
            return Verdict.skipped("the target runs without maxConcurrentRequests; start it with one, or give"
                    + " --launch");
        }
        var config = p.config().with("maxConcurrentRequests", Integer.toString(LIMIT)).with("port", "0")
                .with("slowDeadline", "10s");
        try (ServerStarter.Started limited = starter.start(config)) {
            return limited(p.on(limited.base()), LIMIT);
        }
    }

    private static Verdict limited(Probe p, int limit) throws Exception {
        p.get("/plaintext"); // warm-up
        List<RawConnection> held = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try {
            for (int i = 0; i < limit; i++) {
                RawConnection c = p.raw();
                held.add(c);
                c.send(c.get("/work?ms=4000"));
                RawResponse head = c.readHead();
                Probe.require(head.status() == 200, "held request " + (i + 1) + " of " + limit + " answered "
                        + head.status() + " (limit " + limit + ")");
                RawConnection.bodyLine(c.body(head));
            }
            for (int i = 0; i < 3; i++) {
                try (RawConnection c = RawConnection.open(p.target().base(), Duration.ofSeconds(3))) {
                    long start = System.nanoTime();
                    c.send(c.get("/plaintext"));
                    RawResponse r = c.readResponse();
                    long took = Probe.millisSince(start);
                    times.add(took);
                    if (r.status() != 503) {
                        problems.add("request over the limit answered " + r.status() + " after " + took + " ms");
                    } else if (r.header("Retry-After").isEmpty()) {
                        problems.add("503 without Retry-After");
                    } else if (Probe.errorBodyProblem(r) != null) {
                        problems.add(Probe.errorBodyProblem(r));
                    } else if (!"OVERLOADED".equals(Probe.errorCode(r.bodyText()))) {
                        problems.add("503 with code " + Probe.errorCode(r.bodyText()) + ", expected OVERLOADED");
                    } else if (took > AT_ONCE_MS) {
                        problems.add("503 after " + took + " ms, not at once");
                    }
                } catch (IOException e) {
                    problems.add("request over the limit got no answer within 3 s (" + Evidence.failure(e) + ")");
                }
            }
        } finally {
            held.forEach(RawConnection::close);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        HttpResponse<String> after = p.get("/plaintext");
        while (after.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            after = p.get("/plaintext");
        }
        if (after.statusCode() != 200) {
            problems.add("after the held requests ended, /plaintext still answered " + after.statusCode());
        }
        long median = times.isEmpty() ? -1 : times.stream().sorted().toList().get(times.size() / 2);
        if (!problems.isEmpty()) {
            return Verdict.fail(limit + " held; " + String.join("; ", problems.subList(0, Math.min(3,
                    problems.size()))));
        }
        return Verdict.pass(limit + " held; 3/3 more got 503 OVERLOADED + Retry-After in " + median
                + " ms (median); served again after").withValue(median, "ms");
    }
}
