package dev.offload.jetty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.Replies.DrainReport;
import dev.offload.spec.kit.Json;
import dev.offload.spec.OffloadServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Jetty-specific wiring around the endpoints: QoSHandler's refusal with Retry-After (LIMIT-1), a graceful stop
 * that refuses new requests and finishes in-flight ones, and the SPI's stop() returning the drain report. Each test starts its own server.
 */
class JettyLifecycleTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void overLimitRequestsGet503OverloadedWithRetryAfter() throws Exception {
        OffloadServer.RunningServer server = new JettyProvider().start(TestConfig.fast()
                .with("maxConcurrentRequests", "1").with("slowDeadline", "5s"));
        try {
            // The limit is 1, so the holder itself may lose the race against a probe and be refused: then retry.
            for (int attempt = 1; attempt <= 5; attempt++) {
                CompletableFuture<HttpResponse<String>> holder = client.sendAsync(
                        request(server, "/slow?ms=1500"), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> refused = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (refused == null && !holder.isDone() && System.nanoTime() < deadline) {
                    HttpResponse<String> probe = client.send(request(server, "/plaintext"),
                            HttpResponse.BodyHandlers.ofString());
                    refused = probe.statusCode() == 503 ? probe : null;
                }
                if (refused != null) {
                    assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
                    assertEquals("OVERLOADED", json(refused).get("code").asText());
                    assertEquals(200, holder.join().statusCode());
                    assertEquals(200, client.send(request(server, "/plaintext"),
                            HttpResponse.BodyHandlers.ofString()).statusCode());
                    return;
                }
                holder.join();
            }
            throw new AssertionError("no request was refused while another held the only permit (5 attempts)");
        } finally {
            server.stop();
        }
    }

    @Test
    void stopRefusesNewRequestsOnOpenConnectionsAndFinishesInFlightOnes() throws Exception {
        OffloadServer.RunningServer server = new JettyProvider().start(TestConfig.fast()
                .with("slowDeadline", "5s"));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            assertEquals(200, RawResponse.exchange(socket, "/plaintext").status());
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    request(server, "/slow?ms=1000"), HttpResponse.BodyHandlers.ofString());
            pollUntil(server, "/stats", r -> json(r).get("running").asLong() >= 1);
            CompletableFuture<DrainReport> stopping = CompletableFuture.supplyAsync(server::stop);

            // DRAIN-1 allows two outcomes for the open connection: Jetty closes it (it was idle when the stop began)
            // or GracefulHandler refuses the next request on it. Either way no request is served after the stop.
            RawResponse refused = null;
            boolean closed = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (refused == null && !closed && System.nanoTime() < deadline) {
                try {
                    RawResponse r = RawResponse.exchange(socket, "/plaintext");
                    refused = r.status() == 503 ? r : null;
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertTrue(refused != null || closed, "the open connection still served requests 5 s after stop()");
            if (refused != null) {
                assertEquals("close", refused.headers().get("connection"));
                assertEquals("SHUTTING_DOWN", Json.mapper().readTree(refused.body()).get("code").asText());
                assertEquals("1", refused.headers().get("retry-after"));
                assertTrue(closedByServer(socket), "the connection stayed open after Connection: close");
            }

            assertEquals(200, inFlight.join().statusCode());
            DrainReport report = stopping.join();
            assertEquals("drained", report.event());
            assertEquals(List.of(), report.abandoned());
        }
    }

    @Test
    void stopWaitsForAcceptedBackgroundWorkAndReportsIt() throws Exception {
        OffloadServer.RunningServer server = new JettyProvider().start(TestConfig.fast());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(server, "/job"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("data=d" + i + "&ms=200")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, r.statusCode());
        }
        DrainReport report = server.stop();
        assertEquals(3, report.completed());
        assertEquals(List.of(), report.abandoned());
    }

    /** True once the server closed {@code socket} (EOF or reset); false if it sent more bytes. Bounded by soTimeout. */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private HttpResponse<String> pollUntil(OffloadServer.RunningServer server, String path, int status)
            throws Exception {
        return pollUntil(server, path, r -> r.statusCode() == status);
    }

    /** Repeats a GET until {@code done} holds, for at most 5 s. */
    private HttpResponse<String> pollUntil(OffloadServer.RunningServer server, String path,
                                           java.util.function.Predicate<HttpResponse<String>> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        HttpResponse<String> last;
        do {
            last = client.send(request(server, path), HttpResponse.BodyHandlers.ofString());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + path + " never matched; last " + last.statusCode() + " " + last.body());
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static HttpRequest request(OffloadServer.RunningServer server, String path) {
        return HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(10)).build();
    }

    private static URI uri(OffloadServer.RunningServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** One HTTP/1.1 exchange on a socket the test keeps open (the JDK client gives no control over reuse). */
    record RawResponse(int status, Map<String, String> headers, String body) {
        static RawResponse exchange(Socket socket, String path) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after " + head.size() + " bytes");
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }
}
