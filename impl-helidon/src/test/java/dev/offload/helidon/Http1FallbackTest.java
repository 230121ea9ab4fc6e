package dev.offload.helidon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only the Helidon server does, so it is tested here and not in the shared server suite
 * (conformance-tests, {@code dev.offload.tck.servers}, which runs every endpoint and broken request against both
 * servers): Helidon 4 serves HTTP/1.1 and HTTP/2 only, and with the HTTP/1.1 fallback selector an HTTP/1.0 request
 * gets Helidon's own 505 as JSON instead of the silent close it got before the fallback. If it fails, look at
 * {@code Http1Fallback} and the direct handler that maps Helidon's refusals to the kit's error reply.
 */
class Http1FallbackTest {
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
        String reply = RawExchange.send(server.port(), "GET /plaintext HTTP/1.0\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 505 "), reply);
        String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
        assertTrue(new ObjectMapper().readTree(body).path("error").isTextual(), reply);
    }
}
