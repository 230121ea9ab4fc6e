package dev.offload.tck;

import dev.offload.tck.wire.Text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One attack of the wire catalogue ({@link WireInputs}): raw bytes that end with a hidden request where a conforming
 * server must not see one, and what the server may answer. Sent on its own connection; judged on the first answer
 * <em>and on everything after it</em>: a second response means the server read bytes of the first request as a new
 * one.
 *
 * @param name    what the attack does, as shown in a failure figure
 * @param request the bytes, given the {@code Host} value
 * @param answers the statuses the first answer may have (empty: any 4xx)
 * @param closes  whether the server must close the connection after its answer (else it may drain and keep it)
 */
public record WireInput(String name, Function<String, byte[]> request, Set<Integer> answers, boolean closes) {
    /** The address of the hidden e-mail: if the outbox ever holds it, a hidden request was served. */
    public static final String MARKER = "smuggled@wire.example";
    /** How long the server gets to close, or to send something it should not, after its answer. */
    static final Duration AFTER = Duration.ofMillis(1_200);

    /** The hidden requests: an e-mail to {@link #MARKER}, then a plaintext GET. */
    static String hidden(String host) {
        String body = "{\"to\":\"" + MARKER + "\",\"subject\":\"smuggled\",\"body\":\"x\"}";
        return "POST /send-email HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body + "GET /plaintext HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    /** Sends the attack and judges what came back; null if conforming, else what went wrong. */
    String attempt(Probe p) throws InterruptedException {
        try (RawConnection conn = RawConnection.open(p.target().base(), Duration.ofSeconds(10))) {
            byte[] bytes = request.apply(conn.authority());
            // written from another thread: a server may answer and close before it reads everything
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    conn.send(bytes);
                } catch (IOException ignored) {
                    // the server stopped reading; what it answered is what counts
                }
            });
            try {
                return judge(conn, bytes);
            } finally {
                writer.join(2_000);
            }
        } catch (IOException e) {
            return "could not connect (" + e.getMessage() + ")";
        }
    }

    private String judge(RawConnection conn, byte[] bytes) throws IOException {
        boolean head = new String(bytes, 0, Math.min(5, bytes.length), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
        RawResponse first;
        try {
            first = conn.readResponse(head);
            while (first.status() / 100 == 1) {
                first = conn.readResponse(head); // 100 Continue is an interim answer, not the answer
            }
        } catch (IOException e) {
            return closes ? null : "no answer (" + e.getMessage() + ")"; // a silent close is safe where closing is due
        }
        String problem = status(first);
        if (problem != null) {
            return problem;
        }
        boolean announced = first.closesConnection();
        boolean alsoKeepAlive = first.headers("Connection").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("keep-alive"));
        if (announced && alsoKeepAlive) {
            return first.status() + " says both Connection: close and keep-alive";
        }
        byte[] after = conn.extraBytes(AFTER);
        if (after != null && after.length > 0) {
            return first.status() + ", then more arrived (the rest of the request was read as a new one): \""
                    + Text.escape(after, 90) + "\"";
        }
        if (after == null) {
            return null; // closed after one answer
        }
        if (announced) {
            return first.status() + " said Connection: close, but the connection was still open "
                    + AFTER.toMillis() + " ms later";
        }
        if (closes) {
            return first.status() + " without closing: the connection was still open " + AFTER.toMillis()
                    + " ms later, where the framing leaves no way to find the next request";
        }
        // kept open: it must have drained exactly the body, so a new request on it is answered normally
        RawResponse next;
        try {
            conn.send(conn.get("/plaintext"));
            next = conn.readResponse();
        } catch (IOException closedMeanwhile) {
            return null; // closed after one answer, only later than AFTER: safe
        }
        if (next.status() != 200 || !next.bodyText().equals("Hello, World!")) {
            return first.status() + " kept the connection, but a GET /plaintext on it answered " + next.status() + " "
                    + Text.abbreviate(next.bodyText(), 60);
        }
        return null;
    }

    private String status(RawResponse first) {
        int s = first.status();
        if (answers.isEmpty() ? s < 400 || s >= 500 : !answers.contains(s)) {
            return s + " " + Probe.errorCode(first.bodyText()) + ", expected " + (answers.isEmpty() ? "a 4xx"
                    : answers.toString());
        }
        return null;
    }

    // ---- builders -----------------------------------------------------------------------------------------------

    /** {@code head} (its {@code {host}} replaced), then {@code body}; {@code {hidden}} in either is the hidden part. */
    static Function<String, byte[]> bytes(String head, String body) {
        return host -> (head + body).replace("{host}", host).replace("{hidden}", hidden(host))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A request with {@code Content-Length} set to the length of {@code body} (hidden parts expanded). */
    static Function<String, byte[]> withLength(String head, String body) {
        return host -> {
            byte[] content = body.replace("{hidden}", hidden(host)).getBytes(StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((head.replace("{host}", host) + "Content-Length: " + content.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(content);
            return out.toByteArray();
        };
    }
}
