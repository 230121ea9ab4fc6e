package dev.offload.tck.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One started server under test and the JDK HTTP/1.1 client that talks to it: requests, JSON, the spec's error
 * shape, and bounded polling for a task's state. Its {@code toString} is the server's name, so a parameterised test
 * is reported once per server ({@code [1] helidon}, {@code [2] jetty}).
 */
final class Client {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** How long a task may take to reach a state on a busy 2-core machine before a test gives up. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final OffloadServer server;
    private final OffloadServer.RunningServer running;
    private final OffloadConfig config;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Client(OffloadServer server, OffloadServer.RunningServer running, OffloadConfig config) {
        this.server = server;
        this.running = running;
        this.config = config;
        this.base = URI.create("http://127.0.0.1:" + running.port());
    }

    /** Starts {@code server} through its SPI with {@code config} on an ephemeral port. */
    static Client start(OffloadServer server, OffloadConfig config) throws Exception {
        OffloadConfig onEphemeralPort = config.with("port", "0");
        return new Client(server, server.start(onEphemeralPort), onEphemeralPort);
    }

    String name() {
        return server.name();
    }

    OffloadServer server() {
        return server;
    }

    OffloadServer.RunningServer running() {
        return running;
    }

    OffloadConfig config() {
        return config;
    }

    URI base() {
        return base;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> postForm(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpClient http() {
        return http;
    }

    /** The body as JSON, after checking it says it is JSON. */
    static JsonNode json(HttpResponse<String> response) throws IOException {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "Content-Type of " + response.statusCode() + " " + response.body());
        return MAPPER.readTree(response.body());
    }

    /** The spec's error reply: this status, JSON {@code {"error","code"}} with this code, no stack trace. */
    static void assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals(code, body.path("code").asText(), response.body());
        assertTrue(body.path("error").isTextual() && !body.path("error").asText().isBlank(), response.body());
        assertFalse(response.body().contains("\tat "), "no stack trace: " + response.body());
    }

    /** Polls {@code path} ({@code /tasks/{id}} or {@code /job/{id}}) until the task is in {@code state}. */
    JsonNode awaitState(String path, String state) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonNode task;
        do {
            task = json(get(path));
            if (task.path("state").asText().equals(state)) {
                return task;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(name() + ": " + path + " never reached " + state + " in " + SETTLE + ": " + task);
    }

    JsonNode awaitTask(String id, String state) throws Exception {
        return awaitState("/tasks/" + id, state);
    }

    /** Stops the server (idempotent). Not {@code close()}: JUnit closes AutoCloseable arguments after each test. */
    void stop() {
        running.stop();
    }

    @Override
    public String toString() {
        return server.name();
    }
}
