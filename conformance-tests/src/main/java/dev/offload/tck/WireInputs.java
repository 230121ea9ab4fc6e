package dev.offload.tck;

import dev.offload.spec.OffloadConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.offload.tck.WireInput.bytes;
import static dev.offload.tck.WireInput.withLength;

/**
 * The wire catalogue: request smuggling and framing attacks at the byte level (RFC 9112 sections 6, 7, 9 and 11),
 * one list per WIRE behaviour. Every attack hides {@link WireInput#hidden a request} where a conforming server
 * sees only body bytes or a broken message; answering it, or putting its e-mail in the outbox, is the failure.
 */
public final class WireInputs {
    private static final String H = "{host}";
    private static final String JSON = "Content-Type: application/json\r\n";
    private static final String CHUNKED = "Transfer-Encoding: chunked\r\n";
    private static final String POST = "POST /send-email HTTP/1.1\r\nHost: " + H + "\r\n";
    private static final Set<Integer> ANY_4XX = Set.of();

    private WireInputs() {
    }

    /** WIRE-1: early answers (413, 415, 405, 404, 400, a 100-continue never sent) with the hidden request as body. */
    public static List<WireInput> earlyAnswers(OffloadConfig config) {
        int max = config.maxBodyBytes();
        String padding = "x".repeat(max + 1);
        List<WireInput> l = new ArrayList<>();
        l.add(new WireInput("413 for a chunk size above maxBodyBytes, the hidden request as its data",
                bytes(POST + JSON + CHUNKED + "\r\n", Integer.toHexString(max + 1) + "\r\n{hidden}"),
                Set.of(413, 400, 408), true)); // 408: a server may wait for the declared chunk data, then time out
        l.add(new WireInput("413 for a chunked body over maxBodyBytes, the hidden request in its last chunk",
                bytes(POST + JSON + CHUNKED + "\r\n", Integer.toHexString(max) + "\r\n" + "x".repeat(max)
                        + "\r\n200\r\n{hidden}"), Set.of(413), true));
        l.add(new WireInput("413 for a Content-Length over maxBodyBytes, the hidden request at the body's start",
                withLength(POST + JSON, "{hidden}" + padding), Set.of(413), false));
        l.add(new WireInput("415 to Expect: 100-continue, the body (the hidden request) sent anyway",
                withLength(POST + "Content-Type: text/plain\r\nExpect: 100-continue\r\n", "{hidden}"),
                Set.of(415), false));
        l.add(new WireInput("405 to Expect: 100-continue, the body sent anyway",
                withLength("PUT /send-email HTTP/1.1\r\nHost: " + H + "\r\n" + JSON + "Expect: 100-continue\r\n",
                        "{hidden}"), Set.of(405), false));
        l.add(new WireInput("404 to Expect: 100-continue, the body sent anyway",
                withLength("POST /no-such-endpoint HTTP/1.1\r\nHost: " + H + "\r\n" + JSON
                        + "Expect: 100-continue\r\n", "{hidden}"), Set.of(404), false));
        l.add(new WireInput("405 for a body the route never reads",
                withLength("PUT /send-email HTTP/1.1\r\nHost: " + H + "\r\n" + JSON, "{hidden}"), Set.of(405), false));
        l.add(new WireInput("404 for a body the route never reads",
                withLength("POST /no-such-endpoint HTTP/1.1\r\nHost: " + H + "\r\n" + JSON, "{hidden}"),
                Set.of(404), false));
        l.add(chunked415());
        l.add(new WireInput("400 for a JSON body that is itself a request",
                withLength(POST + JSON, "{hidden}"), Set.of(400), false));
        return List.copyOf(l);
    }

    private static WireInput chunked415() {
        return new WireInput("415 for a chunked body, the hidden request inside its chunk",
                host -> {
                    String hidden = WireInput.hidden(host);
                    return (POST.replace(H, host) + "Content-Type: text/plain\r\n" + CHUNKED + "\r\n"
                            + Integer.toHexString(hidden.length()) + "\r\n" + hidden + "\r\n0\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                }, Set.of(415), false);
    }

    /** WIRE-2: a client's {@code Connection: close} with requests pipelined behind it. */
    public static List<WireInput> connectionClose() {
        return List.of(
                new WireInput("GET with Connection: close, the hidden requests pipelined behind it",
                        bytes("GET /plaintext HTTP/1.1\r\nHost: " + H + "\r\nConnection: close\r\n\r\n", "{hidden}"),
                        Set.of(200), true),
                new WireInput("POST with Connection: close, the hidden requests pipelined behind it",
                        bytes(POST + JSON + "Connection: close\r\nContent-Length: 2\r\n\r\n{}", "{hidden}"),
                        Set.of(400), true),
                new WireInput("Connection: keep-alive, close (close wins), the hidden requests behind it",
                        bytes("GET /stats HTTP/1.1\r\nHost: " + H + "\r\nConnection: keep-alive, close\r\n\r\n",
                                "{hidden}"), Set.of(200), true));
    }

    /** WIRE-3: broken chunked framing; each fault is followed by a valid end and the hidden requests. */
    public static List<WireInput> chunkFaults() {
        String head = POST + JSON + CHUNKED + "\r\n";
        List<WireInput> l = new ArrayList<>();
        l.add(fault("chunk data followed by two bytes that are not CRLF", head, "2\r\n{}XY0\r\n\r\n{hidden}"));
        l.add(fault("chunk data followed by nothing but the next size", head, "2\r\n{}0\r\n\r\n{hidden}"));
        l.add(fault("chunk size with a plus sign", head, "+2\r\n{}\r\n0\r\n\r\n{hidden}"));
        l.add(fault("chunk size with 0x", head, "0x2\r\n{}\r\n0\r\n\r\n{hidden}"));
        l.add(fault("chunk size with a leading space", head, " 2\r\n{}\r\n0\r\n\r\n{hidden}"));
        l.add(fault("chunk size beyond 64 bits", head, "10000000000000002\r\n{}\r\n0\r\n\r\n{hidden}"));
        l.add(fault("chunk size that overflows to a small number", head, "fffffffffffffffff2\r\n{}\r\n0\r\n\r\n{hidden}"));
        l.add(fault("negative chunk size", head, "-2\r\n{}\r\n0\r\n\r\n{hidden}"));
        l.add(fault("last chunk without the empty line that ends the trailers", head, "2\r\n{}\r\n0\r\n{hidden}"));
        return List.copyOf(l);
    }

    /** WIRE-3's positive side: chunk extensions and trailers are valid syntax, ignored (reported, not fatal). */
    public static List<WireInput> chunkSyntaxToIgnore() {
        String head = POST + JSON + CHUNKED + "\r\n";
        return List.of(
                new WireInput("a chunk extension", bytes(head, "2;ext=\"v\"\r\n{}\r\n0\r\n\r\n"), Set.of(400), false),
                new WireInput("a trailer field", bytes(head, "2\r\n{}\r\n0\r\nX-Trailer: t\r\n\r\n"), Set.of(400),
                        false));
    }

    /** WIRE-4: ambiguous framing; each must be refused and the connection closed. */
    public static List<WireInput> ambiguousFraming() {
        List<WireInput> l = new ArrayList<>();
        l.add(fault("Content-Length and Transfer-Encoding: chunked (CL.TE)", POST + JSON
                + "Content-Length: 5\r\n" + CHUNKED + "\r\n", "0\r\n\r\n{hidden}"));
        l.add(fault("Transfer-Encoding: chunked and Content-Length (TE.CL)", POST + JSON + CHUNKED
                + "Content-Length: 4\r\n\r\n", "0\r\n\r\n{hidden}"));
        l.add(fault("two different Content-Length fields", POST + JSON + "Content-Length: 2\r\n"
                + "Content-Length: 60\r\n\r\n", "{}{hidden}"));
        l.add(fault("a Content-Length list 2, 60", POST + JSON + "Content-Length: 2, 60\r\n\r\n", "{}{hidden}"));
        l.add(fault("a Content-Length with a plus sign", POST + JSON + "Content-Length: +2\r\n\r\n", "{}{hidden}"));
        l.add(fault("whitespace between Content-Length and its colon", POST + JSON + "Content-Length : 60\r\n\r\n",
                "{}{hidden}"));
        l.add(fault("whitespace between Transfer-Encoding and its colon", POST + JSON
                + "Transfer-Encoding : chunked\r\nContent-Length: 2\r\n\r\n", "{}{hidden}"));
        l.add(fault("an obs-fold continuing Transfer-Encoding", POST + JSON + "Transfer-Encoding: identity\r\n"
                + " chunked\r\nContent-Length: 2\r\n\r\n", "{}{hidden}"));
        l.add(fault("an obs-fold in an ordinary field", "GET /plaintext HTTP/1.1\r\nHost: " + H + "\r\nX-A: a\r\n"
                + " b\r\n\r\n", "{hidden}"));
        l.add(fault("a bare CR inside a field value", "GET /plaintext HTTP/1.1\r\nHost: " + H + "\r\nX-A: a\rb\r\n"
                + "\r\n", "{hidden}"));
        l.add(fault("chunked not the final coding (chunked, gzip)", POST + JSON
                + "Transfer-Encoding: chunked, gzip\r\n\r\n", "0\r\n\r\n{hidden}"));
        l.add(fault("a final coding other than chunked (gzip)", POST + JSON + "Transfer-Encoding: gzip\r\n\r\n",
                "{hidden}"));
        l.add(fault("chunked applied twice", POST + JSON + CHUNKED + CHUNKED + "\r\n", "0\r\n\r\n{hidden}"));
        l.add(fault("an unknown coding name (xchunked)", POST + JSON + "Transfer-Encoding: xchunked\r\n\r\n",
                "0\r\n\r\n{hidden}"));
        l.add(new WireInput("Transfer-Encoding on an HTTP/1.0 request", bytes("POST /send-email HTTP/1.0\r\n"
                + "Host: " + H + "\r\n" + JSON + CHUNKED + "\r\n", "2\r\n{}\r\n0\r\n\r\n{hidden}"),
                Set.of(400, 505), true));
        return List.copyOf(l);
    }

    /** WIRE-5: HEAD requests, each followed by a pipelined GET whose response must arrive intact. */
    public static List<String> headTargets() {
        return List.of("/plaintext", "/no-such-endpoint", "/send-email", "/stats", "/tasks/0");
    }

    /**
     * WIRE-7: a coding before the final chunked that no bundled server implements. The framing itself is chunked,
     * so a request after the last chunk would be a legitimate next request: none is sent; a server may drain.
     */
    public static List<WireInput> unknownCodings() {
        String body = "2\r\n{}\r\n0\r\n\r\n";
        return List.of(
                new WireInput("Transfer-Encoding: gzip, chunked", bytes(POST + JSON
                        + "Transfer-Encoding: gzip, chunked\r\n\r\n", body), Set.of(501), false),
                new WireInput("Transfer-Encoding: foo, chunked", bytes(POST + JSON
                        + "Transfer-Encoding: foo, chunked\r\n\r\n", body), Set.of(501), false));
    }

    private static WireInput fault(String name, String head, String body) {
        return new WireInput(name, bytes(head, body), Set.of(400), true);
    }
}
