package dev.offload.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * One bad request of the BG-2 / HTTP-1 catalogue ({@link HostileInputs}), sent byte for byte on its own connection,
 * and what a conforming server answers.
 *
 * @param name    what is wrong with it, as shown in a failure figure
 * @param request the raw request bytes, given the {@code Host} value
 * @param expect  the acceptable answer
 */
public record HostileInput(String name, Function<String, byte[]> request, Expect expect) {

    /** The acceptable answers. */
    public sealed interface Expect {
        /**
         * Exactly {@code status}, with the spec's JSON error body ({@code code} too, when given); a 405 also names
         * {@code allow} in Allow.
         */
        record Json(int status, String allow, String code) implements Expect {
            public Json(int status, String allow) {
                this(status, allow, null);
            }
        }

        /**
         * Refused by the server's HTTP layer (limits, framing): any 4xx, never a 5xx; a body, if the refusal has
         * one, is the spec's JSON error body (SPEC.md CONV-1: the HTTP layer's refusals included).
         */
        record Protocol() implements Expect {
        }

        /**
         * Half a request, then nothing: other clients are served meanwhile; when the client then closes its side,
         * a 4xx or a closed connection, never a 2xx or 5xx.
         */
        record Stalled() implements Expect {
        }
    }

    /** Sends this input and judges the answer; null if conforming, else what went wrong. */
    public String attempt(Probe p) throws InterruptedException {
        try (RawConnection conn = RawConnection.open(p.target().base(), Duration.ofSeconds(10))) {
            byte[] bytes = request.apply(conn.authority());
            if (expect instanceof Expect.Stalled) {
                return stalled(p, conn, bytes);
            }
            // Written from another thread: a server may answer (and close) before reading a large body.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    conn.send(bytes);
                } catch (IOException ignored) {
                    // the server stopped reading; its answer is what counts
                }
            });
            RawResponse r;
            try {
                r = conn.readResponse();
            } catch (IOException e) {
                return "no answer (" + Evidence.failure(e) + ")";
            } finally {
                writer.join(2_000);
            }
            return judge(r);
        } catch (IOException e) {
            return "could not send (" + Evidence.failure(e) + ")";
        }
    }

    private String judge(RawResponse r) {
        int status = r.status();
        if (status >= 500) {
            return status + " (a 5xx): " + Evidence.body(r.bodyText());
        }
        if (status < 400) {
            return status + ", not a 4xx";
        }
        if (expect instanceof Expect.Json json) {
            if (status != json.status()) {
                return status + ", expected " + json.status() + " (" + Probe.errorCode(r.bodyText()) + ")";
            }
            String problem = Probe.errorBodyProblem(r);
            if (problem != null) {
                return problem;
            }
            if (json.code() != null && !json.code().equals(Probe.errorCode(r.bodyText()))) {
                return status + " with code " + Probe.errorCode(r.bodyText()) + ", expected " + json.code();
            }
            if (json.allow() != null) {
                String allow = String.join(",", r.headers("Allow")).toUpperCase(Locale.ROOT);
                if (!allow.contains(json.allow())) {
                    return "405 with Allow '" + allow + "', expected it to name " + json.allow();
                }
            }
        } else if (Probe.looksLikeStackTrace(r.bodyText())) {
            return status + " body carries a stack trace";
        } else if (expect instanceof Expect.Protocol && !r.bodyText().isBlank()) {
            String problem = Probe.errorBodyProblem(r);
            if (problem != null) {
                return problem + " (SPEC.md CONV-1: the HTTP layer's refusals carry the JSON error body too)";
            }
        }
        return null;
    }

    private static String stalled(Probe p, RawConnection conn, byte[] bytes) throws IOException,
            InterruptedException {
        conn.send(bytes);
        // While this client stalls mid-request, everyone else is still served.
        long start = System.nanoTime();
        HttpResponse<String> other = p.get("/plaintext");
        long took = Probe.millisSince(start);
        if (other.statusCode() != 200 || took > 2_000) {
            return "while a client stalled mid-request, GET /plaintext answered " + other.statusCode() + " after "
                    + took + " ms";
        }
        conn.shutdownOutput();
        RawResponse r;
        try {
            r = conn.readResponse();
        } catch (IOException closed) {
            return null; // closing a truncated request is a fine answer
        }
        if (r.status() >= 500 || r.status() < 400) {
            return "truncated request answered " + r.status();
        }
        return null;
    }

    // ---- builders for the catalogue -------------------------------------------------------------------------

    static Function<String, byte[]> raw(String text) {
        return host -> text.replace("{host}", host).getBytes(StandardCharsets.ISO_8859_1);
    }

    static Function<String, byte[]> method(String method, String target) {
        return host -> (method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? "Content-Length: 0\r\n"
                : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static Function<String, byte[]> post(String path, String contentType, byte[] body) {
        return host -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                    + "Content-Length: " + body.length + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
            return out.toByteArray();
        };
    }

    static Function<String, byte[]> post(String path, String contentType, String body) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
