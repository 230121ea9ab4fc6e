package dev.offload.tck;

import dev.offload.spec.OffloadConfig;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.offload.tck.HostileInput.method;
import static dev.offload.tck.HostileInput.post;
import static dev.offload.tck.HostileInput.raw;

/**
 * The hostile-input catalogue: every bad request BG-2 ({@code POST /send-email}) and HTTP-1 (routing, parameters,
 * the HTTP layer) send. Each is distinct in what it gets wrong; none may cause a 5xx, a stack trace, a started task
 * or a sent e-mail.
 */
public final class HostileInputs {
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String VALID = "{\"to\":\"hostile@example.com\",\"subject\":\"s\",\"body\":\"b\"}";

    private HostileInputs() {
    }

    /**
     * WIRE-8: JSON bodies a lenient decoder would read, each of which must be 400 MALFORMED_JSON: ill-formed UTF-8
     * (RFC 3629 section 3), other Unicode encodings declared as UTF-8, and duplicate member names.
     */
    public static List<HostileInput> utf8() {
        List<HostileInput> l = new ArrayList<>();
        malformed(l, "overlong '/' (C0 AF) in to", concat("{\"to\":\"a", new byte[] {(byte) 0xC0, (byte) 0xAF},
                "b@example.com\"}"));
        malformed(l, "overlong NUL (C0 80) in subject", concat("{\"to\":\"a@example.com\",\"subject\":\"",
                new byte[] {(byte) 0xC0, (byte) 0x80}, "\"}"));
        malformed(l, "three-byte overlong '/' (E0 80 AF)", concat("{\"to\":\"a", new byte[] {(byte) 0xE0,
                (byte) 0x80, (byte) 0xAF}, "b@example.com\"}"));
        malformed(l, "encoded surrogate (ED A0 80)", concat("{\"to\":\"a@example.com\",\"body\":\"",
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"));
        malformed(l, "code point above U+10FFFF (F4 90 80 80)", concat("{\"to\":\"a@example.com\",\"body\":\"",
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, "\"}"));
        malformed(l, "stray continuation byte (80)", concat("{\"to\":\"a@example.com\",\"body\":\"",
                new byte[] {(byte) 0x80}, "\"}"));
        malformed(l, "UTF-16LE without a byte order mark", VALID.getBytes(StandardCharsets.UTF_16LE));
        malformed(l, "UTF-16 with a byte order mark", VALID.getBytes(StandardCharsets.UTF_16));
        malformed(l, "UTF-32BE", VALID.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        malformed(l, "duplicate member to", "{\"to\":\"a@example.com\",\"to\":\"b@example.com\"}"
                .getBytes(StandardCharsets.UTF_8));
        malformed(l, "duplicate member subject", "{\"to\":\"a@example.com\",\"subject\":\"s\",\"subject\":\"t\"}"
                .getBytes(StandardCharsets.UTF_8));
        return List.copyOf(l);
    }

    private static void malformed(List<HostileInput> l, String name, byte[] body) {
        l.add(new HostileInput(name, post("/send-email", JSON, body),
                new HostileInput.Expect.Json(400, null, "MALFORMED_JSON")));
    }

    /** BG-2: bad bodies for {@code POST /send-email}. */
    public static List<HostileInput> email(OffloadConfig config) {
        List<HostileInput> l = new ArrayList<>();
        json400(l, "truncated JSON object", "{\"to\":\"a@example.com\",\"subj");
        json400(l, "JSON cut after a key", "{\"to\":");
        json400(l, "unquoted key", "{to:\"a@example.com\"}");
        json400(l, "single-quoted strings", "{'to':'a@example.com'}");
        json400(l, "trailing comma", "{\"to\":\"a@example.com\",}");
        json400(l, "trailing garbage after the object", "{\"to\":\"a@example.com\"} trailing");
        json400(l, "comment before the object", "/* hi */ {\"to\":\"a@example.com\"}");
        json400(l, "NaN as a value", "{\"to\":\"a@example.com\",\"subject\":NaN}");
        json400(l, "array instead of object", "[{\"to\":\"a@example.com\"}]");
        json400(l, "string instead of object", "\"a@example.com\"");
        json400(l, "number instead of object", "42");
        json400(l, "null instead of object", "null");
        json400(l, "boolean instead of object", "true");
        json400(l, "missing to", "{\"subject\":\"s\",\"body\":\"b\"}");
        json400(l, "to is null", "{\"to\":null}");
        json400(l, "to is empty", "{\"to\":\"\"}");
        json400(l, "to is blank", "{\"to\":\"   \"}");
        json400(l, "to is a number", "{\"to\":42}");
        json400(l, "to is an array", "{\"to\":[\"a@example.com\"]}");
        json400(l, "to is an object", "{\"to\":{\"address\":\"a@example.com\"}}");
        json400(l, "to is not an address", "{\"to\":\"not-an-address\"}");
        json400(l, "subject is a number", "{\"to\":\"a@example.com\",\"subject\":7}");
        json400(l, "body is a boolean", "{\"to\":\"a@example.com\",\"body\":false}");
        json400(l, "subject is an object", "{\"to\":\"a@example.com\",\"subject\":{\"x\":1}}");
        json400(l, "to is a huge exponent", "{\"to\":1e999999999}");
        json400(l, "subject is a 1000-digit number", "{\"to\":\"a@example.com\",\"subject\":" + "9".repeat(1000) + "}");
        json400(l, "20,000-deep array nesting", "[".repeat(20_000) + "]".repeat(20_000));
        json400(l, "nesting 33 deep, one past the limit of 32", "{\"to\":\"a@example.com\",\"subject\":\"s\",\"x\":"
                + "[".repeat(32) + "]".repeat(32) + "}");
        json400(l, "5,000-deep object nesting in to", "{\"to\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001));
        l.add(new HostileInput("invalid UTF-8 bytes", post("/send-email", JSON, concat(
                "{\"to\":\"", new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, "@example.com\"}")),
                new HostileInput.Expect.Json(400, null)));
        json400(l, "raw control character in a string", "{\"to\":\"a\u0001@example.com\"}");
        json400(l, "empty body", "");
        json400(l, "whitespace-only body", "   \r\n ");
        json415(l, "Content-Type text/plain", "text/plain");
        json415(l, "no Content-Type", null);
        json415(l, "Content-Type application/xml", "application/xml");
        json415(l, "Content-Type form-urlencoded", FORM);
        json415(l, "JSON declared as ISO-8859-1", "application/json; charset=iso-8859-1");
        int max = config.maxBodyBytes();
        l.add(new HostileInput("body of maxBodyBytes + 1", post("/send-email", JSON, oversized(max + 1)),
                new HostileInput.Expect.Json(413, null)));
        l.add(new HostileInput("chunked body of 4 x maxBodyBytes", chunked(oversized(4 * max)),
                new HostileInput.Expect.Json(413, null)));
        l.add(new HostileInput("Content-Length of 10 GiB", raw("POST /send-email HTTP/1.1\r\nHost: {host}\r\n"
                + "Content-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n" + VALID),
                new HostileInput.Expect.Json(413, null)));
        l.add(new HostileInput("half a body, then a stall", raw("POST /send-email HTTP/1.1\r\nHost: {host}\r\n"
                + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"to\":\"stall@exa"),
                new HostileInput.Expect.Stalled()));
        return List.copyOf(l);
    }

    /** HTTP-1: unknown routes, wrong methods, bad parameters and broken HTTP. */
    public static List<HostileInput> http() {
        List<HostileInput> l = new ArrayList<>();
        json(l, "unknown path", method("GET", "/nope"), 404, null, "NOT_FOUND");
        json(l, "known path with a suffix", method("GET", "/plaintext/extra"), 404, null, "NOT_FOUND");
        json(l, "known path in upper case", method("GET", "/PLAINTEXT"), 404, null, "NOT_FOUND");
        json(l, "unknown task id", method("GET", "/tasks/999999999"), 404, null, "TASK_NOT_FOUND");
        json(l, "job id that is no number", method("GET", "/job/not-a-job"), 404, null, "TASK_NOT_FOUND");
        json(l, "non-ASCII path", method("GET", "/caf%C3%A9"), 404, null, "NOT_FOUND");
        json(l, "POST to an unknown path", post("/nope", JSON, VALID), 404, null, "NOT_FOUND");
        json(l, "DELETE /plaintext", method("DELETE", "/plaintext"), 405, "GET");
        json(l, "POST /plaintext", method("POST", "/plaintext"), 405, "GET");
        json(l, "PUT /send-email", method("PUT", "/send-email"), 405, "POST");
        json(l, "GET /send-email", method("GET", "/send-email"), 405, "POST");
        json(l, "GET /job", method("GET", "/job"), 405, "POST");
        json(l, "POST /outbox", method("POST", "/outbox"), 405, "GET");
        json(l, "DELETE /stats", method("DELETE", "/stats"), 405, "GET");
        json(l, "PATCH /copy", method("PATCH", "/copy"), 405, "GET");
        json(l, "POST /tasks/1", method("POST", "/tasks/1"), 405, "GET");
        json(l, "PUT /data", method("PUT", "/data"), 405, "GET");
        json(l, "ms not a number", method("GET", "/work?ms=abc"), 400, null, "INVALID_PARAM");
        json(l, "ms negative", method("GET", "/work?ms=-5"), 400, null, "INVALID_PARAM");
        json(l, "ms over 60000", method("GET", "/work?ms=60001"), 400, null, "INVALID_PARAM");
        json(l, "ms a decimal", method("GET", "/slow?ms=1.5"), 400, null, "INVALID_PARAM");
        json(l, "ms empty", method("GET", "/slow?ms="), 400, null, "INVALID_PARAM");
        json(l, "ms beyond 64 bits", method("GET", "/slow?ms=99999999999999999999"), 400, null, "INVALID_PARAM");
        json(l, "fail neither true nor false", method("GET", "/slow?ms=10&fail=maybe"), 400, null, "INVALID_PARAM");
        json(l, "fail names no child", method("GET", "/data?fail=everything"), 400, null, "INVALID_PARAM");
        // path parameters are stripped before routing (SPEC.md, WIRE decisions): the route's own validation answers
        json(l, "path parameter: /send-email;x is /send-email", post("/send-email;x", JSON, "{}"), 400, null,
                "INVALID_FIELD");
        json(l, "job as text/plain", post("/job", "text/plain", "data=x&ms=5"), 415, null);
        json(l, "job without data", post("/job", FORM, "ms=5"), 400, null);
        json(l, "job data over 1024 characters", post("/job", FORM, "data=" + "x".repeat(1025) + "&ms=5"), 400, null);
        json(l, "job ms negative", post("/job", FORM, "data=x&ms=-1"), 400, null, "INVALID_PARAM");
        json(l, "job ms not a number", post("/job", FORM, "data=x&ms=soon"), 400, null, "INVALID_PARAM");
        protocol(l, "64 KiB header", raw("GET /plaintext HTTP/1.1\r\nHost: {host}\r\nX-Big: " + "a".repeat(65_536)
                + "\r\n\r\n"));
        protocol(l, "64 KiB request target", raw("GET /plaintext?pad=" + "a".repeat(65_536)
                + " HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        protocol(l, "space inside the request target", raw("GET /plain text HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        protocol(l, "header line without a colon", raw("GET /plaintext HTTP/1.1\r\nHost: {host}\r\nNoColonHere\r\n"
                + "\r\n"));
        protocol(l, "Content-Length not a number", raw("POST /send-email HTTP/1.1\r\nHost: {host}\r\n"
                + "Content-Type: application/json\r\nContent-Length: abc\r\n\r\n" + VALID));
        protocol(l, "chunk size not hex", raw("POST /send-email HTTP/1.1\r\nHost: {host}\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + VALID
                + "\r\n0\r\n\r\n"));
        protocol(l, "percent-encoding broken in the query", method("GET", "/work?ms=%zz"));
        protocol(l, "path escaping the root", method("GET", "/../../etc/passwd"));
        protocol(l, "NUL in the path", method("GET", "/tasks/%00"));
        l.add(new HostileInput("half a request head, then a stall", raw("GET /plaintext HTTP/1.1\r\nHost: {host}\r\n"
                + "X-Partial: abc"), new HostileInput.Expect.Stalled()));
        return List.copyOf(l);
    }

    private static void json400(List<HostileInput> l, String name, String body) {
        l.add(new HostileInput(name, post("/send-email", JSON, body), new HostileInput.Expect.Json(400, null)));
    }

    private static void json415(List<HostileInput> l, String name, String contentType) {
        l.add(new HostileInput(name, post("/send-email", contentType, VALID), new HostileInput.Expect.Json(415, null)));
    }

    /** A 405 must carry METHOD_NOT_ALLOWED; other codes are named where the spec fixes them. */
    private static void json(List<HostileInput> l, String name, java.util.function.Function<String, byte[]> request,
                             int status, String allow) {
        String code = switch (status) {
            case 405 -> "METHOD_NOT_ALLOWED";
            default -> null;
        };
        l.add(new HostileInput(name, request, new HostileInput.Expect.Json(status, allow, code)));
    }

    private static void json(List<HostileInput> l, String name, java.util.function.Function<String, byte[]> request,
                             int status, String allow, String code) {
        l.add(new HostileInput(name, request, new HostileInput.Expect.Json(status, allow, code)));
    }

    private static void protocol(List<HostileInput> l, String name,
                                 java.util.function.Function<String, byte[]> request) {
        l.add(new HostileInput(name, request, new HostileInput.Expect.Protocol()));
    }

    /** Valid JSON of exactly {@code size} bytes: only its size is wrong. */
    private static byte[] oversized(int size) {
        String head = "{\"to\":\"big@example.com\",\"subject\":\"s\",\"body\":\"";
        String tail = "\"}";
        return (head + "x".repeat(Math.max(0, size - head.length() - tail.length())) + tail)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static java.util.function.Function<String, byte[]> chunked(byte[] body) {
        return host -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("POST /send-email HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (int off = 0; off < body.length; off += 8192) {
                int n = Math.min(8192, body.length - off);
                out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, off, n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return out.toByteArray();
        };
    }

    private static byte[] concat(String a, byte[] b, String c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(b);
        out.writeBytes(c.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * Sends every input, checks after each that the server still answers {@code GET /plaintext}, and compares the
     * counters and the outbox before and after the batch. One verdict for the whole catalogue.
     */
    static Verdict judge(Probe p, List<HostileInput> inputs, String what) throws Exception {
        var before = p.settle();
        int outboxBefore = p.outbox().size();
        List<String> problems = new ArrayList<>();
        for (HostileInput input : inputs) {
            String problem = input.attempt(p);
            var next = p.get("/plaintext");
            if (next.statusCode() != 200 || !next.body().equals("Hello, World!")) {
                problem = (problem == null ? "" : problem + "; ") + "next GET /plaintext answered "
                        + next.statusCode();
            }
            if (problem != null) {
                problems.add(input.name() + ": " + problem);
            }
        }
        var after = p.settle();
        int outboxAfter = p.outbox().size();
        if (outboxAfter != outboxBefore) {
            problems.add("the outbox grew from " + outboxBefore + " to " + outboxAfter);
        }
        var countersBefore = counters(before);
        var countersAfter = counters(after);
        if (!countersBefore.equals(countersAfter)) {
            problems.add("counters moved: " + countersBefore + " -> " + countersAfter);
        }
        if (!problems.isEmpty()) {
            return Verdict.fail(problems.size() + " of " + inputs.size() + " " + what + " mishandled: "
                    + String.join("; ", problems.subList(0, Math.min(4, problems.size())))
                    + (problems.size() > 4 ? "; …" : "")).withValue(inputs.size(), "hostile inputs");
        }
        return Verdict.pass(inputs.size() + " hostile inputs: each a 4xx (JSON error where the app answers), none a 5xx;"
                + " server kept serving; outbox and counters unchanged").withValue(inputs.size(), "hostile inputs");
    }

    static String counters(dev.offload.spec.StatsView s) {
        return "queued=" + s.queued() + " running=" + s.running() + " succeeded=" + s.succeeded() + " failed="
                + s.failed() + " cancelled=" + s.cancelled() + " timedOut=" + s.timedOut() + " rejected=" + s.rejected();
    }
}
