package dev.offload.jetty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.OffloadServer;
import dev.offload.spec.kit.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke tests of every endpoint and its main status codes against the real Jetty server, started through the SPI on
 * an ephemeral port. The graded behaviour checks live in the TCK (conformance-tests); these only show that each
 * route is wired to the right handler and answers in the spec's shape.
 */
class JettyEndpointsTest {
    private static OffloadServer.RunningServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        OffloadServer jetty = OffloadServer.discover().stream()
                .filter(s -> s.name().equals("jetty")).findFirst().orElseThrow();
        assertEquals(Main.class.getName(), jetty.mainClass());
        server = jetty.start(TestConfig.fast());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void plaintextIsHelloWorld() throws Exception {
        HttpResponse<String> r = get("/plaintext");
        assertEquals(200, r.statusCode());
        assertEquals("Hello, World!", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    }

    @Test
    void copyEchoesTraceAndTaskObservesItsOwnRequest() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/copy?user_id=u-42")).header("X-Trace", "t-42"));
        assertEquals(200, r.statusCode());
        assertEquals("t-42", r.headers().firstValue("X-Trace").orElseThrow());
        JsonNode body = json(r);
        assertEquals("ok", body.get("status").asText());
        assertEquals(body.get("taskId").asText(), r.headers().firstValue("X-Task-Id").orElseThrow());
        JsonNode task = awaitTask(body.get("taskId").asText(), "SUCCEEDED");
        assertEquals("u-42", task.at("/observed/userId").asText());
        assertEquals("t-42", task.at("/observed/trace").asText());
        assertEquals("/copy", task.at("/observed/path").asText());
    }

    @Test
    void workStreamsProgressInOrderThenDone() throws Exception {
        HttpResponse<String> r = get("/work?ms=100");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/x-ndjson"));
        List<String> lines = r.body().lines().toList();
        String taskId = r.headers().firstValue("X-Task-Id").orElseThrow();
        assertEquals("{\"taskId\":\"" + taskId + "\"}", lines.getFirst());
        for (int k = 1; k <= 5; k++) {
            assertEquals("{\"progress\":" + k + "}", lines.get(k));
        }
        assertEquals("{\"result\":\"done\"}", lines.getLast());
        assertEquals(7, lines.size());
        awaitTask(taskId, "SUCCEEDED");
    }

    @Test
    void workWithoutStreamRepliesOnceAtTheEnd() throws Exception {
        HttpResponse<String> r = get("/work?ms=60&stream=false");
        assertEquals(200, r.statusCode());
        JsonNode body = json(r);
        assertEquals("done", body.get("result").asText());
        assertEquals(r.headers().firstValue("X-Task-Id").orElseThrow(), body.get("taskId").asText());
    }

    @Test
    void badMillisIs400InvalidParam() throws Exception {
        for (String ms : List.of("-1", "abc", "60001", "")) {
            HttpResponse<String> r = get("/slow?ms=" + ms);
            assertError(r, 400, "INVALID_PARAM");
        }
    }

    @Test
    void emailIsAcceptedThenSentOnce() throws Exception {
        HttpResponse<String> r = postJson("/send-email",
                "{\"to\":\"ada@example.com\",\"subject\":\"hi\",\"body\":\"x\"}");
        assertEquals(202, r.statusCode());
        String taskId = json(r).get("taskId").asText();
        assertEquals(taskId, r.headers().firstValue("X-Task-Id").orElseThrow());
        awaitTask(taskId, "SUCCEEDED");
        JsonNode outbox = json(get("/outbox"));
        long mine = 0;
        for (JsonNode entry : outbox) {
            mine += entry.get("taskId").asText().equals(taskId) ? 1 : 0;
        }
        assertEquals(1, mine);
    }

    @Test
    void badEmailsGetTheirStatus() throws Exception {
        assertError(postJson("/send-email", "{\"to\":"), 400, "MALFORMED_JSON");
        assertError(postJson("/send-email", "[]"), 400, "INVALID_FIELD");
        assertError(postJson("/send-email", ""), 400, "EMPTY_BODY");
        assertError(send(HttpRequest.newBuilder(uri("/send-email")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"a@b.c\"}"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        String huge = "{\"to\":\"a@b.c\",\"body\":\"" + "x".repeat(TestConfig.MAX_BODY) + "\"}";
        assertError(postJson("/send-email", huge), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void jobIsAcceptedAndEndsSucceededOrFailed() throws Exception {
        HttpResponse<String> ok = postForm("/job", "data=hello&ms=10");
        assertEquals(202, ok.statusCode());
        String okId = json(ok).get("jobId").asText();
        assertEquals(okId, ok.headers().firstValue("X-Task-Id").orElseThrow());
        HttpResponse<String> failing = postForm("/job", "data=fail&ms=0");
        assertEquals(202, failing.statusCode());
        String failId = json(failing).get("jobId").asText();
        awaitJob(okId, "SUCCEEDED");
        assertEquals("job asked to fail (data=fail)", awaitJob(failId, "FAILED").get("error").asText());
        assertError(get("/job/" + okId + "0000"), 404, "TASK_NOT_FOUND");
        assertError(postForm("/job", "ms=10"), 400, "INVALID_FIELD");
        assertError(postForm("/job", ""), 400, "INVALID_FIELD");
        assertError(postForm("/job", "data=%zz"), 400, "INVALID_FIELD");
        assertError(postForm("/job", "data=%C3%28"), 400, "INVALID_FIELD");
        assertError(send(HttpRequest.newBuilder(uri("/job")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void dataFansOutAndFailsFast() throws Exception {
        HttpResponse<String> r = get("/data");
        assertEquals(200, r.statusCode());
        JsonNode body = json(r);
        assertTrue(body.get("user").has("id"));
        assertTrue(body.get("orders").isArray());
        assertError(get("/data?fail=orders"), 500, "UPSTREAM_FAILED");
        assertError(get("/data?fail=nobody"), 400, "INVALID_PARAM");
    }

    @Test
    void slowAnswers200Or500Or408() throws Exception {
        HttpResponse<String> fast = get("/slow?ms=10");
        assertEquals(200, fast.statusCode());
        assertEquals(fast.headers().firstValue("X-Task-Id").orElseThrow(), json(fast).get("taskId").asText());
        assertError(get("/slow?ms=10&fail=true"), 500, "WORK_FAILED");
        HttpResponse<String> late = get("/slow?ms=5000");
        assertError(late, 408, "TIMEOUT");
        awaitTask(late.headers().firstValue("X-Task-Id").orElseThrow(), "TIMED_OUT");
    }

    @Test
    void observationEndpoints() throws Exception {
        JsonNode stats = json(get("/stats"));
        assertEquals("jetty", stats.get("server").asText());
        for (String counter : List.of("active", "queued", "running", "succeeded", "failed", "cancelled",
                "timedOut", "rejected")) {
            assertTrue(stats.get(counter).canConvertToLong(), counter);
        }
        assertTrue(json(get("/outbox")).isArray());
        assertError(get("/tasks/999999"), 404, "TASK_NOT_FOUND");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() throws Exception {
        assertError(get("/nope"), 404, "NOT_FOUND");
        assertError(send(HttpRequest.newBuilder(uri("/nope")).PUT(HttpRequest.BodyPublishers.noBody())), 404,
                "NOT_FOUND");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/stats")).DELETE());
        assertError(r, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET", r.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> job = get("/job");
        assertError(job, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", job.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void http2CleartextIsServedOnTheSamePort() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // The first request upgrades the connection (h2c); the second one runs over HTTP/2.
        h2.send(HttpRequest.newBuilder(uri("/plaintext")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder(uri("/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals(200, r.statusCode());
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    private static HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> postForm(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "Content-Type of " + r.body());
        return Json.mapper().readTree(r.body());
    }

    static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals(code, body.get("code").asText(), r.body());
        assertTrue(body.get("error").isTextual());
    }

    private static JsonNode awaitTask(String id, String state) throws Exception {
        return await("/tasks/" + id, state);
    }

    private static JsonNode awaitJob(String id, String state) throws Exception {
        return await("/job/" + id, state);
    }

    /** Polls until the task reaches {@code state}, with a deadline generous enough for a busy machine. */
    private static JsonNode await(String path, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode task;
        do {
            task = json(get(path));
            if (task.get("state").asText().equals(state)) {
                return task;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("task at " + path + " never reached " + state + ": " + task);
    }
}
