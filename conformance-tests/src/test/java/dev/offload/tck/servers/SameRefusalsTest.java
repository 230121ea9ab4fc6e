package dev.offload.tck.servers;

import dev.offload.spec.OffloadServer;
import dev.offload.spec.Replies.DrainReport;
import dev.offload.tck.RawConnection;
import dev.offload.tck.RawResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.offload.tck.servers.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two refusals a server raises itself rather than an endpoint, compared like {@link SameRepliesTest}: over the
 * concurrency limit (LIMIT-1, 503 OVERLOADED) and after a graceful stop began (DRAIN-1, 503 SHUTTING_DOWN with
 * Connection: close). Each server's own machinery refuses, but the reply is the kit's, so it must be the same.
 */
class SameRefusalsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** LIMIT-1: the reply to a request over maxConcurrentRequests=1 while /slow holds the only permit. */
    @Test
    void overloadedIsTheSameReply() throws Exception {
        List<Client> clients = new ArrayList<>();
        List<RawResponse> refusals = new ArrayList<>();
        try {
            for (OffloadServer type : Servers.discovered()) {
                Client server = Client.start(type, Servers.config().with("maxConcurrentRequests", "1")
                        .with("slowDeadline", "5s"));
                clients.add(server);
                refusals.add(refusedWhileBusy(server));
            }
            SameRepliesTest.assertSame(clients, 503, Exchange.get("/plaintext"), refusals);
        } finally {
            clients.forEach(Client::stop);
        }
    }

    /**
     * DRAIN-1: the reply to a request on a kept-alive connection after stop() began, while an in-flight /slow holds
     * the stop open. DRAIN-1 also allows closing the connection instead; a server that does gives no reply to
     * compare, and the test is then reported as aborted (skipped) with who closed, not as passed.
     */
    @Test
    void shuttingDownIsTheSameReply() throws Exception {
        List<Client> clients = new ArrayList<>();
        List<RawResponse> refusals = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        try {
            for (OffloadServer type : Servers.discovered()) {
                Client server = Client.start(type, Servers.config().with("slowDeadline", "5s"));
                clients.add(server);
                RawResponse refused = refusedWhileStopping(server);
                if (refused == null) {
                    closed.add(server.name());
                } else {
                    refusals.add(refused);
                }
            }
        } finally {
            clients.forEach(Client::stop);
        }
        Assumptions.assumeTrue(closed.isEmpty(), () -> "closed the kept-alive connection instead of answering 503 "
                + "SHUTTING_DOWN (DRAIN-1 allows it; nothing to compare): " + closed);
        SameRepliesTest.assertSame(clients, 503, Exchange.get("/plaintext"), refusals);
    }

    /** Holds the only permit with /slow and probes /plaintext until refused; retries if the holder lost the race. */
    private static RawResponse refusedWhileBusy(Client server) throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            CompletableFuture<HttpResponse<String>> holder = server.http().sendAsync(
                    server.request("/slow?ms=1500").build(), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!holder.isDone() && System.nanoTime() < deadline) {
                RawResponse probe = Exchange.get("/plaintext").sendTo(server.base());
                if (probe.status() == 503) {
                    // refused by the holder, unless the holder itself lost the permit to an earlier probe: retry
                    if (holder.join().statusCode() == 200) {
                        return probe;
                    }
                    break;
                }
            }
            holder.join();
        }
        throw new AssertionError(server + ": no request was refused while another held the only permit");
    }

    /** The 503 a kept-alive connection gets after stop() began, or null if the server closed it instead. */
    private static RawResponse refusedWhileStopping(Client server) throws Exception {
        try (RawConnection connection = RawConnection.open(server.base(), WAIT)) {
            assertEquals(200, Exchange.get("/plaintext").sendOn(connection).status());
            CompletableFuture<HttpResponse<String>> inFlight = server.http().sendAsync(
                    server.request("/slow?ms=1000").build(), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (json(server.get("/stats")).path("running").asLong() < 1) {
                assertTrue(System.nanoTime() < deadline, server + ": the in-flight /slow never started");
                Thread.sleep(10);
            }
            CompletableFuture<DrainReport> stopping = CompletableFuture.supplyAsync(server.running()::stop);
            RawResponse refused = null;
            try {
                while (refused == null && System.nanoTime() < deadline + WAIT.toNanos()) {
                    RawResponse r = Exchange.get("/plaintext").sendOn(connection);
                    refused = r.status() == 503 ? r : null;
                }
                assertTrue(refused != null, server + ": the open connection still served requests after stop()");
            } catch (IOException e) {
                refused = null; // closed by the server: the other outcome DRAIN-1 allows
            }
            assertEquals(200, inFlight.join().statusCode(), server + ": the in-flight /slow finishes normally");
            assertEquals(List.of(), stopping.join().abandoned());
            return refused;
        }
    }
}
