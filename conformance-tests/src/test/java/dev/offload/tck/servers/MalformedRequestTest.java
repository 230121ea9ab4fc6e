package dev.offload.tck.servers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.tck.RawConnection;
import dev.offload.tck.RawResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests broken on the wire (HTTP-1, BG-2), over raw sockets because no HTTP client sends them. Each must get
 * exactly one 4xx with the spec's JSON body and then a closed connection: never a 5xx, never silence, and nothing
 * of the broken bytes parsed as a second request. Half a request followed by the client's EOF may also just be
 * closed, as the TCK's HTTP-1 check allows (the client has gone; Jetty sometimes closes without answering), but
 * never answered 2xx or 5xx. Regression tests for the TCK's findings H1–H4 on Helidon
 * (a head cut by EOF was 500, a bad chunk size 500, short garbage hung, a 64 KiB target was closed silently) and
 * for Jetty's parser answering 505 to a request line without a version. If one fails for one server, look at
 * how that server maps its parser's refusals to the kit's error reply. Every read is bounded by {@link #READ}.
 */
class MalformedRequestTest {
    private static final Duration READ = Duration.ofSeconds(10);
    private static final String EMAIL = "{\"to\":\"a@example.com\",\"subject\":\"s\",\"body\":\"b\"}";

    private static Servers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = Servers.start(Servers.config());
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    static List<Client> servers() {
        return servers.clients();
    }

    /** H1: a head cut off by the client's EOF is a broken request (400 or a close), not a server error. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void headEndedByClientEofIs400OrClosed(Client server) throws Exception {
        assertOnlyJsonError(server, "GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Partial: abc", true, 400, "BAD_REQUEST");
    }

    /** H1 / BG-2: a body shorter than its Content-Length, then EOF: 400 or a close, and no e-mail is accepted. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void bodyShorterThanContentLengthIs400OrClosed(Client server) throws Exception {
        assertOnlyJsonError(server, "POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"to\":", true, 400, "BAD_REQUEST");
    }

    /** H2: a non-hex chunk size is 400, and the rest of the broken body is not read as a second request. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void nonHexChunkSizeIs400AndNothingElse(Client server) throws Exception {
        assertOnlyJsonError(server, "POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + EMAIL + "\r\n0\r\n\r\n", false, 400, "BAD_REQUEST");
    }

    /** H3: request lines that are not HTTP get 400 at once (Helidon's 15-byte case used to hang). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void garbageRequestLinesAre400(Client server) throws Exception {
        assertOnlyJsonError(server, "HELLO THERE\r\n\r\n", false, 400, "BAD_REQUEST");
        assertOnlyJsonError(server, "HELLO THERE YOU\r\n\r\n", false, 400, "BAD_REQUEST");
    }

    /** A request line with a version that is not HTTP/1.x it can serve: 400 (Jetty's parser says 505). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void unknownHttpVersionIs400(Client server) throws Exception {
        assertOnlyJsonError(server, "GET /plaintext HTTP/1.2\r\nHost: x\r\n\r\n", false, 400, "BAD_REQUEST");
    }

    /** H4: a 64 KiB request target gets the server's own 414, as JSON (Helidon used to close silently). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void overlongRequestTargetIs414(Client server) throws Exception {
        assertOnlyJsonError(server, "GET /plaintext?pad=" + "a".repeat(65_536) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                false, 414, "URI_TOO_LONG");
    }

    /** HTTP/2 prior knowledge on the same listener: the server's first frame is its SETTINGS. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void http2PriorKnowledgeIsServed(Client server) throws Exception {
        try (Socket socket = new Socket(server.base().getHost(), server.base().getPort())) {
            socket.setSoTimeout((int) READ.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] frameHeader = in.readNBytes(9);
            assertEquals(9, frameHeader.length, "no HTTP/2 frame came back");
            assertEquals(4, frameHeader[3], "the server's first frame must be SETTINGS (type 4)");
        }
    }

    /** And a well-formed request is served, with the connection kept alive for the next one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void wellFormedRequestsAreServedOnOneConnection(Client server) throws Exception {
        try (RawConnection connection = RawConnection.open(server.base(), READ)) {
            for (int i = 0; i < 2; i++) {
                connection.send(connection.get("/plaintext"));
                RawResponse r = connection.readResponse();
                assertEquals(200, r.status(), r.toString());
                assertArrayEquals("Hello, World!".getBytes(StandardCharsets.UTF_8), r.body(), r.toString());
            }
        }
    }

    /**
     * Sends {@code request} (then EOF if {@code clientEof}): one JSON error comes back, then the server closes; after
     * the client's EOF a close without any response passes too. A read timeout (the server hangs) always fails.
     */
    private static void assertOnlyJsonError(Client server, String request, boolean clientEof, int status,
                                            String code) throws IOException {
        try (RawConnection connection = RawConnection.open(server.base(), READ)) {
            connection.send(request);
            if (clientEof) {
                connection.shutdownOutput();
            }
            RawResponse r;
            try {
                r = connection.readResponse();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer and no close within " + READ, e);
            } catch (IOException closed) {
                if (clientEof) {
                    return; // closed without a word after the client's EOF: allowed
                }
                throw closed;
            }
            assertEquals(status, r.status(), r.toString());
            assertTrue(r.header("Content-Type").orElse("").startsWith("application/json"), r.toString());
            JsonNode body = Client.MAPPER.readTree(r.body());
            assertEquals(code, body.path("code").asText(), r.toString());
            assertTrue(body.path("error").isTextual(), r.toString());
            byte[] extra = connection.extraBytes(READ);
            assertNull(extra, () -> "after the " + status + " the server must close the connection with nothing "
                    + "more (no second response), got: " + new String(extra, StandardCharsets.ISO_8859_1));
        }
    }
}
