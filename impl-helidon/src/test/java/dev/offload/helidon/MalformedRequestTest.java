package dev.offload.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.spec.kit.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Requests that are broken on the wire (HTTP-1, BG-2), sent over raw sockets because no HTTP client can send them.
 * Each must get one 4xx with the spec's JSON body and then a closed connection: never a 5xx, never silence.
 * Regression tests for TCK findings H1–H4 (see {@link RequestBodies}, {@link WireGuard}, {@link ErrorReplies}).
 * Every read is bounded by {@link #READ_TIMEOUT_MS}; the server closing the connection ends it.
 */
class MalformedRequestTest {
    static final int READ_TIMEOUT_MS = 10_000;
    private static final String EMAIL = "{\"to\":\"a@example.com\",\"subject\":\"s\",\"body\":\"b\"}";

    private static OffloadServer.RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        OffloadConfig config = OffloadConfig.parse(List.of("--port=0", "--emailDelay=100ms", "--drainTimeout=2s"),
                Map.of(), Map.of());
        server = HelidonOffloadServerTest.helidon().start(config);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** H1: a head cut off by the client's EOF is a broken request (400), not a server error (was 500). */
    @Test
    void headEndedByClientEofIs400() throws Exception {
        String reply = exchange("GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Partial: abc", true);
        assertSingleJsonError(reply, 400, "BAD_REQUEST");
    }

    /** H1 / BG-2: a body shorter than its Content-Length, then EOF: 400 (was 500 from the handler's read). */
    @Test
    void bodyShorterThanContentLengthIs400() throws Exception {
        String reply = exchange("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"to\":", true);
        assertSingleJsonError(reply, 400, "BAD_REQUEST");
    }

    /**
     * H2: a non-hex chunk size is 400 (was 500), and the connection closes, so the rest of the broken body is not
     * parsed as a second request (exactly one status line comes back).
     */
    @Test
    void nonHexChunkSizeIs400AndNothingElse() throws Exception {
        String reply = exchange("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + EMAIL + "\r\n0\r\n\r\n", false);
        assertSingleJsonError(reply, 400, "BAD_REQUEST");
    }

    /** H3: request lines that are not HTTP at all get 400 at once (the 15-byte one used to hang forever). */
    @Test
    void garbageRequestLinesAre400() throws Exception {
        assertSingleJsonError(exchange("HELLO THERE\r\n\r\n", false), 400, "BAD_REQUEST");
        assertSingleJsonError(exchange("HELLO THERE YOU\r\n\r\n", false), 400, "BAD_REQUEST");
    }

    /** H4: a 64 KiB request target gets Helidon's 414 from max-prologue-length (was a silent close). */
    @Test
    void overlongRequestTargetIs414() throws Exception {
        String reply = exchange("GET /plaintext?pad=" + "a".repeat(65_536) + " HTTP/1.1\r\nHost: x\r\n\r\n", false);
        assertSingleJsonError(reply, 414, "URI_TOO_LONG");
    }

    /** Helidon serves HTTP/1.1 and 2 only: an HTTP/1.0 request gets its 505, not the silent close of before. */
    @Test
    void http10IsRefusedOutLoud() throws Exception {
        String reply = exchange("GET /plaintext HTTP/1.0\r\n\r\n", false);
        assertTrue(reply.startsWith("HTTP/1.1 505 "), reply);
        assertTrue(Json.mapper().readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4)).path("error").isTextual(),
                reply);
    }

    /** The fallback must not take what is Helidon's: HTTP/2 prior knowledge still gets the server's SETTINGS. */
    @Test
    void http2PriorKnowledgeStillSelectsHttp2() throws Exception {
        try (Socket socket = connect()) {
            byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] emptySettings = {0, 0, 0, 4, 0, 0, 0, 0, 0};
            socket.getOutputStream().write(preface);
            socket.getOutputStream().write(emptySettings);
            socket.getOutputStream().flush();
            byte[] frameHeader = socket.getInputStream().readNBytes(9);
            assertEquals(9, frameHeader.length, "no HTTP/2 frame came back");
            assertEquals(4, frameHeader[3], "first server frame must be SETTINGS (type 4)");
        }
    }

    /** And a plain HTTP/1.1 request is served as before (kept alive, so read just the one response). */
    @Test
    void wellFormedRequestIsServed() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String expected = "Hello, World!";
            StringBuilder reply = new StringBuilder();
            InputStream in = socket.getInputStream();
            while (!reply.toString().endsWith(expected)) {
                int b = in.read();
                if (b == -1) {
                    fail("closed before the body: " + reply);
                }
                reply.append((char) b);
            }
            assertTrue(reply.toString().startsWith("HTTP/1.1 200 "), reply.toString());
        }
    }

    /** Sends {@code request}, optionally half-closes, and reads until the server closes (bounded). */
    private static String exchange(String request, boolean clientEof) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            if (clientEof) {
                socket.shutdownOutput();
            }
            return readUntilClosed(socket.getInputStream());
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return socket;
    }

    /** Everything until the server closes; the caller bounds it with a socket timeout of {@link #READ_TIMEOUT_MS}. */
    static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("connection still open after " + READ_TIMEOUT_MS + " ms; got so far: " + all);
        } catch (java.net.SocketException e) {
            // a reset after the reply (server closed with unread input) still ends the exchange
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertSingleJsonError(String reply, int status, String code) throws IOException {
        assertTrue(reply.startsWith("HTTP/1.1 " + status + " "), "expected " + status + ", got: " + reply);
        assertEquals(1, reply.split("HTTP/1.1 ", -1).length - 1, "exactly one response expected: " + reply);
        assertTrue(reply.contains("\r\nContent-Type: application/json"), reply);
        JsonNode body = Json.mapper().readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4));
        assertEquals(code, body.path("code").asText(), reply);
        assertTrue(body.path("error").isTextual(), reply);
    }
}
