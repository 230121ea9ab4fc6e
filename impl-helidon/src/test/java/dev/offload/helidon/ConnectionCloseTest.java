package dev.offload.helidon;

import dev.offload.spec.kit.OffloadApp;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DRAIN-1 on Helidon's side: a kit reply that says {@code Connection: close} (503 SHUTTING_DOWN) must really close
 * the connection, which Helidon 4.5.0 does not do for a routed reply carrying that header (helidon#12324). In a real
 * stop the refusal is only reachable in a narrow window, so a real Helidon server with one route writes the kit's
 * {@link OffloadApp#shuttingDown()} through {@link ReplyWriter}, and a second request is pipelined behind the first:
 * exactly one response may come back, then EOF. If it fails, look at {@link ReplyWriter#send}.
 */
class ConnectionCloseTest {
    private static WebServer server;

    @BeforeAll
    static void start() {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.get("/refused",
                        (req, res) -> ReplyWriter.send(res, OffloadApp.shuttingDown())))
                .build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void shuttingDownReplyClosesTheConnection() throws Exception {
        String request = "GET /refused HTTP/1.1\r\nHost: x\r\n\r\n";
        String reply = RawExchange.send(server.port(), request + request);
        assertTrue(reply.startsWith("HTTP/1.1 503 "), reply);
        assertTrue(reply.contains("\r\nConnection: close\r\n"), reply);
        assertTrue(reply.contains("\r\nRetry-After: 1\r\n"), reply);
        assertTrue(reply.endsWith("\"code\":\"SHUTTING_DOWN\"}"), reply);
        assertEquals(1, reply.split("HTTP/1.1 ", -1).length - 1, "the pipelined second request got an answer: " + reply);
    }
}
