package dev.offload.tck.servers;

import dev.offload.spec.OffloadServer;
import dev.offload.spec.Replies.DrainReport;
import dev.offload.tck.RawConnection;
import dev.offload.tck.RawResponse;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static dev.offload.tck.servers.Client.assertError;
import static dev.offload.tck.servers.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each server does around the endpoints with its own machinery: refusing over the concurrency limit (LIMIT-1:
 * Helidon's max-concurrent-requests, Jetty's QoSHandler) and stopping gracefully through the SPI (no request served
 * after the stop began, in-flight ones finished, accepted background work drained and reported). The DRAIN checks
 * of the TCK do the same with real processes and SIGTERM; these run in-process. Each test starts its own server.
 */
class LifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    static Stream<Named<OffloadServer>> servers() {
        return Servers.named();
    }

    /** LIMIT-1: while the only permit is held, a request is refused at once with 503 OVERLOADED and Retry-After. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void overTheLimitIs503OverloadedWithRetryAfter(OffloadServer type) throws Exception {
        Client server = Client.start(type, Servers.config().with("maxConcurrentRequests", "1")
                .with("slowDeadline", "5s"));
        try {
            // The holder may itself lose the race for the one permit against a probe and be refused: then retry.
            for (int attempt = 1; attempt <= 5; attempt++) {
                CompletableFuture<HttpResponse<String>> holder = server.http().sendAsync(
                        server.request("/slow?ms=1500").build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> refused = null;
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (refused == null && !holder.isDone() && System.nanoTime() < deadline) {
                    HttpResponse<String> probe = server.get("/plaintext");
                    refused = probe.statusCode() == 503 ? probe : null;
                }
                // a probe refused while the holder itself was refused (an earlier probe still held the permit)
                // proves nothing about the holder: retry
                if (refused != null && holder.join().statusCode() == 200) {
                    assertError(refused, 503, "OVERLOADED");
                    assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
                    assertEquals(200, server.get("/plaintext").statusCode(), "and the permit is given back");
                    return;
                }
                holder.join();
            }
            throw new AssertionError("no request was refused while another held the only permit (5 attempts)");
        } finally {
            server.stop();
        }
    }

    /**
     * DRAIN-1/2 in-process: after stop() begins, a keep-alive connection serves no new request — the server closes
     * it, or answers 503 SHUTTING_DOWN with Connection: close — while the in-flight request still gets its 200.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void stopRefusesNewRequestsOnOpenConnectionsAndFinishesInFlightOnes(OffloadServer type) throws Exception {
        Client server = Client.start(type, Servers.config().with("slowDeadline", "5s"));
        try (RawConnection connection = RawConnection.open(server.base(), WAIT)) {
            connection.send(connection.get("/plaintext"));
            assertEquals(200, connection.readResponse().status());
            CompletableFuture<HttpResponse<String>> inFlight = server.http().sendAsync(
                    server.request("/slow?ms=1000").build(), HttpResponse.BodyHandlers.ofString());
            awaitRunning(server);
            CompletableFuture<DrainReport> stopping = CompletableFuture.supplyAsync(server.running()::stop);

            RawResponse refused = null;
            boolean closed = false;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (refused == null && !closed && System.nanoTime() < deadline) {
                try {
                    connection.send(connection.get("/plaintext"));
                    RawResponse r = connection.readResponse();
                    refused = r.status() == 503 ? r : null;
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertTrue(refused != null || closed, "the open connection still served requests " + WAIT
                    + " after stop()");
            if (refused != null) {
                assertTrue(refused.closesConnection(), "a 503 SHUTTING_DOWN says Connection: close: " + refused);
                assertEquals("SHUTTING_DOWN", Client.MAPPER.readTree(refused.body()).path("code").asText());
                assertEquals("1", refused.header("Retry-After").orElse(null), refused.toString());
                assertTrue(connection.closedByServer(WAIT), "and the server closes the connection after it");
            }
            assertEquals(200, inFlight.join().statusCode(), "the in-flight /slow finishes normally");
            DrainReport report = stopping.join();
            assertEquals("drained", report.event());
            assertEquals(List.of(), report.abandoned());
        } finally {
            server.stop();
        }
    }

    /** DRAIN-2 in-process: stop() waits for every accepted job, reports them, and a second stop() says the same. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void stopWaitsForAcceptedBackgroundWorkAndReportsIt(OffloadServer type) throws Exception {
        Client server = Client.start(type, Servers.config());
        for (int i = 0; i < 3; i++) {
            assertEquals(202, server.postForm("/job", "data=d" + i + "&ms=200").statusCode());
        }
        DrainReport report = server.running().stop();
        assertEquals(3, report.completed(), "report: " + report);
        assertEquals(List.of(), report.abandoned());
        assertEquals(report, server.running().stop(), "stop is idempotent");
    }

    private static void awaitRunning(Client server) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (json(server.get("/stats")).path("running").asLong() < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the in-flight /slow never started running");
            }
            Thread.sleep(10);
        }
    }
}
