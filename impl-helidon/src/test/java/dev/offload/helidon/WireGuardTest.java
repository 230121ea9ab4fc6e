package dev.offload.helidon;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
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

/**
 * {@link WireGuard}: each Helidon 4.5.0 wire fault of issue 12, sent as raw bytes with a hidden request behind it.
 * Every exchange must produce exactly one response and end with the server closing (or, where noted, keep a
 * usable connection); a second status line means bytes of the first request were parsed as a new one.
 */
class WireGuardTest {
    private static final String HIDDEN = "POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 25\r\n\r\n{\"to\":\"hidden@example.x\"}GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final long BOUND_MS = 800;

    private static OffloadServer.RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        OffloadServer helidon = OffloadServer.discover().stream().filter(s -> s.name().equals("helidon"))
                .findFirst().orElseThrow(() -> new AssertionError("no OffloadServer named helidon"));
        server = helidon.start(OffloadConfig.parse(List.of("--port=0",
                "--maxBodyBytes=256", "--headerTimeout=" + BOUND_MS + "ms", "--bodyTimeout=" + BOUND_MS + "ms",
                "--idleTimeout=" + (2 * BOUND_MS) + "ms", "--drainTimeout=2s"), Map.of(), Map.of()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The 82-byte exploit: a chunk size over maxBodyBytes, then a request line. One 413, then closed. */
    @Test
    void chunkSizeOverTheLimitIsOne413ThenClose() throws Exception {
        Exchange e = send("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n101\r\n" + HIDDEN);
        e.assertOneAnswer(413);
        assertTrue(e.closed, e.text);
    }

    /** An early 415 to Expect: 100-continue, the body sent anyway: one answer that says close, then closed. */
    @Test
    void earlyAnswerToExpectContinueCloses() throws Exception {
        Exchange e = send("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\n"
                + "Content-Length: " + HIDDEN.length() + "\r\n\r\n" + HIDDEN);
        e.assertOneAnswer(415);
        assertTrue(e.closed && e.text.contains("Connection: close") && !e.text.contains("keep-alive"), e.text);
    }

    /** Two bytes after chunk data that are not CRLF: 400 and closed (Helidon skipped them unchecked). */
    @Test
    void chunkDataWithoutCrlfIs400ThenClose() throws Exception {
        Exchange e = send("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}XY0\r\n\r\n" + HIDDEN);
        e.assertOneAnswer(400);
        assertTrue(e.closed, e.text);
    }

    /** A chunk size with a sign (Helidon read "+2" as 2): 400 and closed. */
    @Test
    void signedChunkSizeIs400ThenClose() throws Exception {
        Exchange e = send("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n+2\r\n{}\r\n0\r\n\r\n" + HIDDEN);
        e.assertOneAnswer(400);
        assertTrue(e.closed, e.text);
    }

    /** A client's Connection: close: the pipelined requests behind it are not answered, the server closes. */
    @Test
    void clientConnectionCloseIsHonoured() throws Exception {
        Exchange e = send("GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" + HIDDEN);
        e.assertOneAnswer(200);
        assertTrue(e.closed && !e.text.contains("keep-alive"), e.text);
    }

    /** HEAD to an unknown path: the 404 has no body, so the pipelined GET's 200 follows intact. */
    @Test
    void headErrorHasNoBody() throws Exception {
        Exchange e = send("HEAD /nope HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(2, e.statusLines(), e.text);
        int second = e.text.indexOf("HTTP/1.1 200");
        assertTrue(second > 0 && e.text.substring(0, second).endsWith("\r\n\r\n"), e.text);
        assertTrue(e.text.endsWith("Hello, World!"), e.text);
    }

    /** A body that stalls: 408 TIMEOUT within the bound (plus slack), then closed. */
    @Test
    void stalledBodyIs408ThenClose() throws Exception {
        long start = System.nanoTime();
        Exchange e = send("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 60\r\n\r\n{\"to\":");
        long took = (System.nanoTime() - start) / 1_000_000;
        e.assertOneAnswer(408);
        assertTrue(e.closed && e.text.contains("\"code\":\"TIMEOUT\""), e.text);
        assertTrue(took >= BOUND_MS && took < BOUND_MS + 2_000, took + " ms");
    }

    /**
     * A head that stalls: 408 within the bound; a keep-alive connection silent after a response: closed within the
     * idle bound. (One that never sends a first byte is not reachable: Helidon waits for it before any hook.)
     */
    @Test
    void stalledHeadIs408AndIdleConnectionIsClosed() throws Exception {
        Exchange head = send("GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Stall: a");
        head.assertOneAnswer(408);
        assertTrue(head.closed, head.text);
        long start = System.nanoTime();
        Exchange idle = send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        long took = (System.nanoTime() - start) / 1_000_000;
        idle.assertOneAnswer(200);
        assertTrue(idle.closed, idle.text);
        assertTrue(took >= 2 * BOUND_MS && took < 2 * BOUND_MS + 2_000, took + " ms");
    }

    /** RFC 9112 section 6.1 codings and HTTP/1.0: specific JSON codes, never INTERNAL_ERROR. */
    @Test
    void unknownCodingAndHttp10GetSpecificCodes() throws Exception {
        Exchange coding = send("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
        coding.assertOneAnswer(501);
        assertTrue(coding.text.contains("UNSUPPORTED_TRANSFER_CODING"), coding.text);
        Exchange http10 = send("GET /plaintext HTTP/1.0\r\nHost: x\r\n\r\n");
        http10.assertOneAnswer(505);
        assertTrue(http10.text.contains("HTTP_VERSION_NOT_SUPPORTED"), http10.text);
    }

    private record Exchange(String text, boolean closed) {
        int statusLines() {
            return text.split("HTTP/1\\.1 \\d{3} ", -1).length - 1;
        }

        void assertOneAnswer(int status) {
            assertEquals(1, statusLines(), text);
            assertTrue(text.startsWith("HTTP/1.1 " + status + " "), text);
        }
    }

    /** Sends {@code request}, reads until the server closes or 3 s pass without a byte. */
    private static Exchange send(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(3_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    got.write(buf, 0, n);
                }
                return new Exchange(got.toString(StandardCharsets.ISO_8859_1), true);
            } catch (SocketTimeoutException e) {
                return new Exchange(got.toString(StandardCharsets.ISO_8859_1), false);
            } catch (IOException reset) {
                return new Exchange(got.toString(StandardCharsets.ISO_8859_1), true);
            }
        }
    }
}
