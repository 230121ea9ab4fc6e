package dev.offload.jetty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.OffloadServer;
import dev.offload.spec.kit.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Requests that are broken on the wire (HTTP-1, BG-2), over raw sockets because no HTTP client sends them. Each gets
 * one 4xx with the spec's JSON body and a closed connection: never a 5xx, never silence. Every read is bounded by
 * {@link #READ_TIMEOUT_MS}; the server closing the connection ends it.
 */
class JettyMalformedRequestTest {
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final String EMAIL = "{\"to\":\"a@example.com\",\"subject\":\"s\",\"body\":\"b\"}";

    private static OffloadServer.RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        OffloadServer jetty = OffloadServer.discover().stream()
                .filter(s -> s.name().equals("jetty")).findFirst().orElseThrow();
        server = jetty.start(TestConfig.fast());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /**
     * A request line without a readable HTTP version is bad input: 400 BAD_REQUEST, not the 505 Jetty's parser
     * picks (see {@link JsonErrorHandler#generateResponse}).
     */
    @Test
    void requestLineWithoutValidVersionIs400() throws Exception {
        assertSingleJsonError(exchange("HELLO THERE\r\n\r\n", false), 400, "BAD_REQUEST");
        assertSingleJsonError(exchange("HELLO THERE YOU\r\n\r\n", false), 400, "BAD_REQUEST");
        assertSingleJsonError(exchange("GET /plaintext HTTP/1.2\r\nHost: x\r\n\r\n", false), 400, "BAD_REQUEST");
    }

    /** A non-hex chunk size is a framing error: 400, and only one response for the whole broken stream. */
    @Test
    void nonHexChunkSizeIs400() throws Exception {
        String reply = exchange("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + EMAIL + "\r\n0\r\n\r\n", false);
        assertSingleJsonError(reply, 400, "BAD_REQUEST");
    }

    /** A body shorter than its Content-Length, then the client's EOF: 400, not a server error. */
    @Test
    void bodyShorterThanContentLengthIs400() throws Exception {
        String reply = exchange("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"to\":", true);
        assertSingleJsonError(reply, 400, "BAD_REQUEST");
    }

    /** A 64 KiB request target gets Jetty's own 414, as JSON. */
    @Test
    void overlongRequestTargetIs414() throws Exception {
        String reply = exchange("GET /plaintext?pad=" + "a".repeat(65_536) + " HTTP/1.1\r\nHost: x\r\n\r\n", false);
        assertSingleJsonError(reply, 414, "URI_TOO_LONG");
    }

    /** Sends {@code request}, optionally half-closes, and reads until the server closes (bounded). */
    private static String exchange(String request, boolean clientEof) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            if (clientEof) {
                socket.shutdownOutput();
            }
            return readUntilClosed(socket.getInputStream());
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("connection still open after " + READ_TIMEOUT_MS + " ms; got so far: " + all);
        } catch (SocketException e) {
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
