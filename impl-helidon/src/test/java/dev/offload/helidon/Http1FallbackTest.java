package dev.offload.helidon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
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

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What only the Helidon server does, so it is tested here and not in the shared server suite
 * (conformance-tests, {@code dev.offload.tck.servers}, which runs every endpoint and broken request against both
 * servers): Helidon 4 serves HTTP/1.1 and HTTP/2 only, and with the HTTP/1.1 fallback selector an HTTP/1.0 request
 * gets Helidon's own 505 as JSON instead of the silent close it got before the fallback. If it fails, look at
 * {@code Http1Fallback} and the direct handler that maps Helidon's refusals to the kit's error reply.
 */
class Http1FallbackTest {
    private static final int READ_TIMEOUT_MS = 10_000;

    private static OffloadServer.RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        OffloadServer helidon = OffloadServer.discover().stream().filter(s -> s.name().equals("helidon"))
                .findFirst().orElseThrow(() -> new AssertionError("no OffloadServer named helidon"));
        server = helidon.start(OffloadConfig.defaults().with("port", "0"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void http10IsRefusedOutLoudWith505() throws Exception {
        String reply = exchange("GET /plaintext HTTP/1.0\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 505 "), reply);
        String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
        assertTrue(new ObjectMapper().readTree(body).path("error").isTextual(), reply);
    }

    /** Sends {@code request} and reads until the server closes the connection (bounded). */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    all.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                fail("connection still open after " + READ_TIMEOUT_MS + " ms; got so far: " + all);
            } catch (SocketException e) {
                // a reset after the reply (the server closed with unread input) still ends the exchange
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
