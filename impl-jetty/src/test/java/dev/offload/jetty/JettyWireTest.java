package dev.offload.jetty;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Jetty-side WIRE fixes: a stalled body is 408 (was 500), a stalled head is cut, unknown codings are 501. */
class JettyWireTest {
    private static final long BOUND_MS = 800;

    private static OffloadServer.RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        OffloadServer jetty = OffloadServer.discover().stream()
                .filter(s -> s.name().equals("jetty")).findFirst().orElseThrow();
        server = jetty.start(dev.offload.spec.OffloadConfig.defaults().with("port", "0")
                .with("headerTimeout", BOUND_MS + "ms")
                .with("bodyTimeout", BOUND_MS + "ms").with("idleTimeout", (2 * BOUND_MS) + "ms"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Half a body, then nothing: 408 TIMEOUT with Connection: close within the bound, then closed. */
    @Test
    void stalledBodyIs408NotA500() throws Exception {
        long start = System.nanoTime();
        Exchange e = send("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 60\r\n\r\n{\"to\":");
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.text.startsWith("HTTP/1.1 408 ") && e.text.contains("\"code\":\"TIMEOUT\"")
                && e.text.contains("Connection: close"), e.text);
        assertTrue(e.closed, e.text);
        assertTrue(took >= BOUND_MS && took < BOUND_MS + 2_000, took + " ms");
    }

    /** Half a head, then nothing: closed within headerTimeout (Jetty's connector idle timeout). */
    @Test
    void stalledHeadIsCutOff() throws Exception {
        long start = System.nanoTime();
        Exchange e = send("GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Stall: a");
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.closed, e.text);
        assertTrue(took < BOUND_MS + 2_000, took + " ms");
    }

    /** A coding before chunked that Jetty does not decode: 501 UNSUPPORTED_TRANSFER_CODING, the body not served. */
    @Test
    void unknownCodingIs501() throws Exception {
        Exchange e = send("POST /send-email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        assertTrue(e.text.startsWith("HTTP/1.1 501 ") && e.text.contains("UNSUPPORTED_TRANSFER_CODING"), e.text);
        assertEquals(1, e.text.split("HTTP/1\\.1 \\d{3} ", -1).length - 1, e.text);
    }

    private record Exchange(String text, boolean closed) {
    }

    private static Exchange send(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(4_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
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
