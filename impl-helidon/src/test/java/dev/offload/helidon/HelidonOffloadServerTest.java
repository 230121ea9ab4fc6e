package dev.offload.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.spec.Replies.DrainReport;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Smoke tests of the Helidon server: one real server on an ephemeral port, started through the SPI, one request per
 * endpoint and main status code over real HTTP. The graded behaviour checks (timing, races, disconnects, SIGTERM)
 * live in the conformance TCK; these only show that every route is wired to the kit and every error is JSON.
 */
class HelidonOffloadServerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static OffloadServer.RunningServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        OffloadConfig config = OffloadConfig.parse(List.of("--port=0", "--emailDelay=100ms",
                "--copyObserveDelay=10ms", "--heartbeat=20ms", "--slowDeadline=300ms", "--drainTimeout=5s",
                "--maxBodyBytes=1024"), Map.of(), Map.of());
        server = helidon().start(config);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static OffloadServer helidon() {
        return OffloadServer.discover().stream().filter(s -> s.name().equals("helidon")).findFirst()
                .orElseThrow(() -> new AssertionError("no OffloadServer named helidon in META-INF/services"));
    }

    @Test
    void spiNamesTheServerAndItsMainClass() {
        assertEquals(Main.class.getName(), helidon().mainClass());
        assertTrue(Runtime.version().feature() >= 21, "forked test JVM must be the toolchain JDK");
    }

    @Test
    void plaintextIsTheBaseline() throws Exception {
        HttpResponse<String> res = get("/plaintext");
        assertEquals(200, res.statusCode());
        assertEquals("Hello, World!", res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void copyEchoesTraceAndTaskObservesItsOwnSnapshot() throws Exception {
        HttpResponse<String> res = send(request("/copy?user_id=u-42").header("X-Trace", "trace-7").GET());
        assertEquals(200, res.statusCode());
        assertEquals("trace-7", res.headers().firstValue("X-Trace").orElse(null));
        JsonNode body = json(res);
        assertEquals("ok", body.get("status").asText());
        assertEquals(body.get("taskId").asText(), res.headers().firstValue("X-Task-Id").orElse(null));
        JsonNode task = awaitState(body.get("taskId").asText(), "SUCCEEDED");
        assertEquals("/copy", task.at("/observed/path").asText());
        assertEquals("u-42", task.at("/observed/userId").asText());
        assertEquals("trace-7", task.at("/observed/trace").asText());
    }

    @Test
    void workStreamsNdjsonUntilDone() throws Exception {
        HttpResponse<String> res = get("/work?ms=100");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
        String taskId = res.headers().firstValue("X-Task-Id").orElseThrow();
        List<String> lines = res.body().lines().toList();
        assertEquals("{\"taskId\":\"" + taskId + "\"}", lines.getFirst());
        assertEquals("{\"progress\":1}", lines.get(1));
        assertEquals("{\"result\":\"done\"}", lines.getLast());
        assertEquals(5 + 2, lines.size(), "100 ms at a 20 ms heartbeat is 5 progress lines: " + lines);
        awaitState(taskId, "SUCCEEDED");
    }

    @Test
    void workWithoutStreamingAnswersJsonAtTheEnd() throws Exception {
        HttpResponse<String> res = get("/work?ms=50&stream=false");
        assertEquals(200, res.statusCode());
        JsonNode body = json(res);
        assertEquals("done", body.get("result").asText());
        assertEquals(res.headers().firstValue("X-Task-Id").orElseThrow(), body.get("taskId").asText());
    }

    @Test
    void emailIsAcceptedAndLandsInTheOutboxOnce() throws Exception {
        HttpResponse<String> res = postJson("/send-email", "{\"to\":\"smoke@example.com\",\"subject\":\"hi\"}");
        assertEquals(202, res.statusCode());
        String taskId = json(res).get("taskId").asText();
        assertEquals(taskId, res.headers().firstValue("X-Task-Id").orElse(null));
        awaitState(taskId, "SUCCEEDED");
        JsonNode outbox = json(get("/outbox"));
        long mine = 0;
        for (JsonNode entry : outbox) {
            mine += entry.get("taskId").asText().equals(taskId) ? 1 : 0;
        }
        assertEquals(1, mine, "outbox: " + outbox);
    }

    @Test
    void badEmailsGetJson4xx() throws Exception {
        assertError(postJson("/send-email", "{\"to\":"), 400, "MALFORMED_JSON");
        assertError(postJson("/send-email", "[]"), 400, "INVALID_FIELD");
        assertError(postJson("/send-email", ""), 400, "EMPTY_BODY");
        assertError(send(request("/send-email").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        // over maxBodyBytes=1024: refused by Helidon's max-payload-size, mapped to JSON by the direct handler
        assertError(postJson("/send-email", "{\"to\":\"a@b.c\",\"body\":\"" + "x".repeat(2000) + "\"}"),
                413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void jobsAreQueuedAndAFailingJobEndsFailed() throws Exception {
        HttpResponse<String> ok = postForm("/job", "data=smoke&ms=10");
        assertEquals(202, ok.statusCode());
        String jobId = json(ok).get("jobId").asText();
        assertEquals(jobId, ok.headers().firstValue("X-Task-Id").orElse(null));
        awaitState(jobId, "SUCCEEDED");
        assertEquals(200, get("/job/" + jobId).statusCode());

        String failing = json(postForm("/job", "data=fail&ms=0")).get("jobId").asText();
        JsonNode failed = awaitState(failing, "FAILED");
        assertFalse(failed.get("error").asText().isBlank());

        assertError(postForm("/job", "ms=10"), 400, "INVALID_FIELD");
        assertError(postForm("/job", "data=x&ms=-1"), 400, "INVALID_PARAM");
        assertError(get("/job/999999"), 404, "TASK_NOT_FOUND");
    }

    @Test
    void fanOutJoinsBothChildrenOrFailsFast() throws Exception {
        HttpResponse<String> ok = get("/data");
        assertEquals(200, ok.statusCode());
        JsonNode body = json(ok);
        assertTrue(body.get("user").has("id"));
        assertTrue(body.get("orders").isArray());
        assertError(get("/data?fail=orders"), 500, "UPSTREAM_FAILED");
        assertError(get("/data?fail=nobody"), 400, "INVALID_PARAM");
    }

    @Test
    void slowAnswers200Or500Or408() throws Exception {
        HttpResponse<String> ok = get("/slow?ms=10");
        assertEquals(200, ok.statusCode());
        assertEquals(ok.headers().firstValue("X-Task-Id").orElseThrow(), json(ok).get("taskId").asText());
        assertError(get("/slow?ms=10&fail=true"), 500, "WORK_FAILED");
        HttpResponse<String> late = get("/slow?ms=5000");
        assertError(late, 408, "TIMEOUT");
        awaitState(late.headers().firstValue("X-Task-Id").orElseThrow(), "TIMED_OUT");
    }

    @Test
    void routingErrorsAreJson() throws Exception {
        assertError(get("/no-such-route"), 404, "NOT_FOUND");
        // relative routing: a service on /copy must not also answer /copy/ (the Endpoint table is exact)
        assertError(get("/copy/"), 404, "NOT_FOUND");
        assertError(get("/job/1/2"), 404, "NOT_FOUND");
        assertEquals("GET", send(request("/job/7").DELETE()).headers().firstValue("Allow").orElse(null));
        HttpResponse<String> wrongMethod = send(request("/copy").DELETE());
        assertError(wrongMethod, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElse(null));
        assertEquals("POST", send(request("/job").GET()).headers().firstValue("Allow").orElse(null));
        assertError(get("/slow?ms=abc"), 400, "INVALID_PARAM");
        assertError(get("/work?ms=60001"), 400, "INVALID_PARAM");
        assertError(get("/tasks/nope"), 404, "TASK_NOT_FOUND");
    }

    @Test
    void statsNameTheServer() throws Exception {
        HttpResponse<String> res = get("/stats");
        assertEquals(200, res.statusCode());
        JsonNode stats = json(res);
        assertEquals("helidon", stats.get("server").asText());
        for (String counter : List.of("active", "queued", "running", "succeeded", "failed", "cancelled",
                "timedOut", "rejected")) {
            assertTrue(stats.get(counter).canConvertToLong(), counter + " in " + stats);
        }
    }

    @Test
    void http2CleartextIsServedOnTheSameListener() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> first = h2.send(request("/plaintext").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, first.statusCode());
        // the JDK client upgrades with h2c on the first request; later ones on that connection are HTTP/2
        HttpResponse<String> res = h2.send(request("/plaintext").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, res.version());
        assertEquals("Hello, World!", res.body());
    }

    /** LIMIT-1 wiring: Helidon's max-concurrent-requests refuses at once, the direct handler makes it spec JSON. */
    @Test
    void overTheConcurrencyLimitIs503WithRetryAfter() throws Exception {
        OffloadConfig config = OffloadConfig.defaults().with("port", "0").with("maxConcurrentRequests", "1")
                .with("drainTimeout", "2s");
        try (OffloadServer.RunningServer limited = helidon().start(config)) {
            String url = "http://127.0.0.1:" + limited.port();
            CompletableFuture<HttpResponse<String>> busy = HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create(url + "/slow?ms=1500")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> refused = awaitRefusal(url);
            assertError(refused, 503, "OVERLOADED");
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertEquals(200, busy.get().statusCode());
        }
    }

    @Test
    void stopDrainsAndReportsCompletedWork() throws Exception {
        OffloadConfig config = OffloadConfig.defaults().with("port", "0").with("drainTimeout", "5s");
        OffloadServer.RunningServer own = helidon().start(config);
        String url = "http://127.0.0.1:" + own.port();
        for (int i = 0; i < 3; i++) {
            assertEquals(202, HTTP.send(HttpRequest.newBuilder(URI.create(url + "/job"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("data=d" + i + "&ms=200")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        DrainReport report = own.stop();
        assertEquals(3, report.completed(), "report: " + report);
        assertEquals(List.of(), report.abandoned());
        assertEquals(report, own.stop(), "stop is idempotent");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** Polls /plaintext until the limit refuses it (the /slow request may not have reached the server yet). */
    private static HttpResponse<String> awaitRefusal(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/plaintext")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 503) {
                return res;
            }
            Thread.sleep(20);
        }
        return fail("no 503 while /slow held the only permit");
    }

    private static JsonNode awaitState(String taskId, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode task = null;
        while (System.nanoTime() < deadline) {
            task = json(get("/tasks/" + taskId));
            if (task.get("state").asText().equals(state)) {
                return task;
            }
            Thread.sleep(20);
        }
        return fail("task " + taskId + " did not reach " + state + ": " + task);
    }

    private static void assertError(HttpResponse<String> res, int status, String code) throws IOException {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), res.body());
        JsonNode body = json(res);
        assertEquals(code, body.get("code").asText(), res.body());
        assertFalse(body.get("error").asText().isBlank());
        assertFalse(res.body().contains("\tat "), "no stack trace");
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    private static HttpResponse<String> postJson(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> postForm(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> res) throws IOException {
        return Json.tree(res.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
