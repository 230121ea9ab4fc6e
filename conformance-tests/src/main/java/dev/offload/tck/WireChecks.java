package dev.offload.tck;

import dev.offload.spec.StatsView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * WIRE-1..5, 7, 8: what the server does with the bytes of HTTP/1.1 framing (RFC 9112), judged on what comes back
 * <em>after</em> the first answer. Every attack hides a request behind the one the server answers (see
 * {@link WireInputs}); a second response, the hidden e-mail in the outbox or a moved counter is the failure.
 */
public final class WireChecks {

    /**
     * WIRE-1: early answers — 413 (a chunk size or a chunked or declared body over {@code maxBodyBytes}), 415, 405,
     * 404 to {@code Expect: 100-continue} requests whose body is sent anyway, 405/404 for a body the route never
     * reads, 400 for a body that is itself a request — each get exactly one answer; then the connection closes, or
     * stays open and answers a new {@code GET /plaintext} normally (the body was drained). {@code Connection: close}
     * is only said when the server closes.
     *
     * <p>If it fails: the server stops reading a refused body and parses the rest as requests (Helidon 4.5.0 after a
     * 413 on a chunked body and after early answers to {@code Expect: 100-continue}); drain unread bodies up to the
     * limit or close, and close whenever a response says so.
     */
    public Verdict required_WIRE_1_nothingOfAnUnreadBodyIsParsedAsARequest(Probe p) throws Exception {
        return judgeAll(p, WireInputs.earlyAnswers(p.config()), "early answers");
    }

    /**
     * WIRE-2: a request with {@code Connection: close} (alone, on a POST, and as {@code keep-alive, close}) gets one
     * answer that says {@code Connection: close} and not {@code keep-alive}; the requests pipelined behind it get
     * nothing, and the server closes.
     *
     * <p>If it fails: the server echoes the header but keeps reading the connection; close it after the response.
     */
    public Verdict required_WIRE_2_connectionCloseHonouredBothWays(Probe p) throws Exception {
        return judgeAll(p, WireInputs.connectionClose(), "Connection: close requests");
    }

    /**
     * WIRE-3: chunked framing faults (no CRLF after chunk data, signs, {@code 0x}, spaces, sizes beyond 64 bits or
     * that overflow, a missing end of the trailer section), each followed by a valid end and hidden requests: 400
     * and a close, nothing after the fault read as a request. The figure also says whether a chunk extension and a
     * trailer field are ignored (RFC 9112 section 7.1.1: they should be; refusing them is safe and not a failure).
     *
     * <p>If it fails: the chunk parser skips the two bytes after chunk data without checking them, or parses sizes
     * leniently; validate CRLF and hex strictly and close on a fault.
     */
    public Verdict required_WIRE_3_chunkedFramingIsStrict(Probe p) throws Exception {
        Verdict v = judgeAll(p, WireInputs.chunkFaults(), "chunk faults");
        List<String> notIgnored = new ArrayList<>();
        for (WireInput syntax : WireInputs.chunkSyntaxToIgnore()) {
            try (RawConnection conn = p.raw()) {
                conn.send(syntax.request().apply(conn.authority()));
                RawResponse r = conn.readResponse();
                // the body {} is read as JSON only if the extension or trailer was ignored: 400 INVALID_FIELD
                if (!"INVALID_FIELD".equals(Probe.errorCode(r.bodyText()))) {
                    notIgnored.add(syntax.name() + " (" + r.status() + " " + Probe.errorCode(r.bodyText()) + ")");
                }
            }
        }
        String note = notIgnored.isEmpty() ? "; chunk extensions and trailers ignored"
                : "; refused although RFC 9112 says ignore: " + String.join(", ", notIgnored);
        return v.outcome() == Outcome.PASS ? Verdict.pass(v.figure() + note).withValue(v.value(), v.unit())
                : Verdict.fail(v.figure() + note).withValue(v.value(), v.unit());
    }

    /**
     * WIRE-4: ambiguous framing (CL.TE and TE.CL, differing or listed Content-Length, {@code +2}, whitespace before
     * a colon, obs-fold, a bare CR, chunked not final or twice, an unknown coding name, Transfer-Encoding on
     * HTTP/1.0): 400 (505 for HTTP/1.0 where the server does not serve it) and a close; the hidden request is never
     * answered.
     *
     * <p>If it fails: the server picks one of two framings instead of refusing, or answers 400 and keeps reading.
     */
    public Verdict required_WIRE_4_ambiguousFramingRefusedAndClosed(Probe p) throws Exception {
        return judgeAll(p, WireInputs.ambiguousFraming(), "ambiguous framings");
    }

    /**
     * WIRE-5: {@code HEAD} on a route, an unknown path (404), a POST-only path (405), {@code /stats} and an unknown
     * task, each pipelined with a {@code GET /plaintext}: the HEAD response has a head only, and the next bytes are
     * the GET's intact 200.
     *
     * <p>If it fails: an error response to HEAD writes its JSON body, which the client reads as the start of the next
     * response; send error replies to HEAD without a body.
     */
    public Verdict required_WIRE_5_headResponsesCarryNoBody(Probe p) throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (String target : WireInputs.headTargets()) {
            try (RawConnection conn = p.raw()) {
                conn.send("HEAD " + target + " HTTP/1.1\r\nHost: " + conn.authority() + "\r\n\r\n"
                        + conn.get("/plaintext"));
                RawResponse head = conn.readResponse(true);
                statuses.add(head.status() + "");
                RawResponse next;
                try {
                    next = conn.readResponse();
                } catch (IOException e) {
                    problems.add("HEAD " + target + " (" + head.status() + "): the pipelined GET's response was not"
                            + " found after it (" + e.getMessage() + ")");
                    continue;
                }
                if (next.status() != 200 || !next.bodyText().equals("Hello, World!")) {
                    problems.add("HEAD " + target + ": the next response read " + next.status() + " "
                            + Probe.abbreviate(next.bodyText(), 40));
                }
            }
        }
        if (!problems.isEmpty()) {
            return Verdict.fail(problems.size() + " of " + statuses.size() + " HEAD responses broke the connection: "
                    + String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
        }
        return Verdict.pass(statuses.size() + " HEAD responses (" + String.join(", ", statuses) + ") without a body;"
                + " each pipelined GET answered intact").withValue(statuses.size(), "HEAD requests");
    }

    /**
     * WIRE-7: {@code Transfer-Encoding: gzip, chunked} and {@code foo, chunked}: 501 UNSUPPORTED_TRANSFER_CODING
     * with the JSON error; nothing hidden behind them is answered.
     *
     * <p>If it fails: the server ignores the coding and hands the still-encoded body to the application, or answers
     * 501 with a generic code; refuse codings you do not implement (RFC 9112 section 6.1).
     */
    public Verdict recommended_WIRE_7_unknownTransferCodingAnswered501(Probe p) throws Exception {
        Verdict v = judgeAll(p, WireInputs.unknownCodings(), "unknown codings");
        if (v.outcome() != Outcome.PASS) {
            return v;
        }
        for (WireInput coding : WireInputs.unknownCodings()) {
            try (RawConnection conn = p.raw()) {
                conn.send(coding.request().apply(conn.authority()));
                RawResponse r = conn.readResponse();
                String problem = Probe.errorBodyProblem(r);
                Probe.require(problem == null, coding.name() + ": " + problem);
                Probe.require("UNSUPPORTED_TRANSFER_CODING".equals(Probe.errorCode(r.bodyText())), coding.name()
                        + ": 501 with code " + Probe.errorCode(r.bodyText()) + ", not UNSUPPORTED_TRANSFER_CODING");
            }
        }
        return v;
    }

    /**
     * WIRE-8: JSON bodies that are not well-formed UTF-8 (an overlong {@code /}, an encoded surrogate, a stray
     * continuation byte, UTF-16 with and without a byte order mark, UTF-32) or that repeat a member name: 400
     * MALFORMED_JSON, nothing sent, counters unchanged.
     *
     * <p>If it fails: the JSON reader decodes leniently (Jackson reads bytes as it likes and detects UTF-16 itself);
     * decode the body strictly as UTF-8 first and enable duplicate detection.
     */
    public Verdict required_WIRE_8_jsonBodiesMustBeWellFormedUtf8(Probe p) throws Exception {
        return HostileInputs.judge(p, HostileInputs.utf8(), "ill-formed JSON bodies");
    }

    /**
     * Sends every attack on its own connection, checks after each that the server still serves, then that the
     * hidden e-mail never reached the outbox and no counter moved. One verdict for the list.
     */
    static Verdict judgeAll(Probe p, List<WireInput> inputs, String what) throws Exception {
        StatsView before = p.settle();
        long smuggledBefore = smuggled(p);
        List<String> problems = new ArrayList<>();
        int letThrough = 0;
        for (WireInput input : inputs) {
            String problem = input.attempt(p);
            var next = p.get("/plaintext");
            if (next.statusCode() != 200) {
                problem = (problem == null ? "" : problem + "; ") + "next GET /plaintext answered " + next.statusCode();
            }
            if (problem != null) {
                problems.add(input.name() + ": " + problem);
                letThrough++;
            }
        }
        // a hidden e-mail that got in is sent after emailDelay: wait for it before looking
        Thread.sleep(p.config().emailDelay().toMillis() + 200);
        StatsView after = p.settle();
        long smuggled = smuggled(p) - smuggledBefore;
        if (smuggled > 0) {
            problems.add(smuggled + " hidden e-mail(s) to " + WireInput.MARKER + " reached the outbox");
        }
        if (!HostileInputs.counters(before).equals(HostileInputs.counters(after))) {
            problems.add("counters moved: " + HostileInputs.counters(before) + " -> " + HostileInputs.counters(after));
        }
        if (!problems.isEmpty()) {
            return Verdict.fail(letThrough + " of " + inputs.size() + " " + what + " mishandled: "
                    + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                    + (problems.size() > 3 ? "; …" : "")).withValue(letThrough, "attacks mishandled");
        }
        return Verdict.pass(inputs.size() + " " + what + ": one answer each, then closed or correctly drained;"
                + " no hidden request answered, outbox and counters unchanged").withValue(0, "attacks mishandled");
    }

    private static long smuggled(Probe p) throws IOException, InterruptedException {
        return p.outbox().stream().filter(e -> WireInput.MARKER.equals(e.to())).count();
    }

}
