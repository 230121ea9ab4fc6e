package dev.offload.tck.servers;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.offload.tck.servers.Client.assertError;
import static dev.offload.tck.servers.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint and its main status codes on every server, over real HTTP against one instance per server started
 * through the SPI on an ephemeral port. The graded behaviour checks (timing, races, disconnects, SIGTERM) are the
 * TCK's; these show that each route is wired to the kit, answers in the spec's shape, and every error is JSON.
 * If one fails for one server only, look at that server's route or reply writer for the endpoint named.
 */
class EndpointsTest {
    private static Servers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = Servers.start(Servers.config());
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    static List<Client> servers() {
        return servers.clients();
    }

    /** The SPI names a runnable main class (the TCK's DRAIN checks launch it) and /stats names the server. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void spiNamesTheServerAndARunnableMainClass(Client server) throws Exception {
        Method main = Class.forName(server.server().mainClass()).getMethod("main", String[].class);
        assertTrue(Modifier.isStatic(main.getModifiers()), main + " must be static");
        assertEquals(server.name(), json(server.get("/stats")).path("server").asText());
        assertTrue(Runtime.version().feature() >= 21, "the forked test JVM must be the toolchain JDK");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void plaintextIsTheBaseline(Client server) throws Exception {
        HttpResponse<String> r = server.get("/plaintext");
        assertEquals(200, r.statusCode());
        assertEquals("Hello, World!", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    /** COPY-1: the reply echoes X-Trace, names its task, and the task saw this request's values only. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void copyEchoesTraceAndTheTaskObservesItsOwnSnapshot(Client server) throws Exception {
        HttpResponse<String> r = server.send(server.request("/copy?user_id=u-42").header("X-Trace", "t-42").GET());
        assertEquals(200, r.statusCode());
        assertEquals("t-42", r.headers().firstValue("X-Trace").orElse(null));
        JsonNode body = json(r);
        assertEquals("ok", body.path("status").asText());
        String taskId = body.path("taskId").asText();
        assertEquals(taskId, r.headers().firstValue("X-Task-Id").orElse(null), "X-Task-Id of /copy");
        JsonNode task = server.awaitTask(taskId, "SUCCEEDED");
        assertEquals("/copy", task.at("/observed/path").asText());
        assertEquals("u-42", task.at("/observed/userId").asText());
        assertEquals("t-42", task.at("/observed/trace").asText());
    }

    /** CANCEL-1's stream: the task id line, one progress line per heartbeat in order, then the done line. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void workStreamsNdjsonProgressInOrderThenDone(Client server) throws Exception {
        long beats = 4;
        HttpResponse<String> r = server.get("/work?ms=" + beats * server.config().heartbeat().toMillis());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
        String taskId = r.headers().firstValue("X-Task-Id").orElseThrow();
        List<String> lines = r.body().lines().toList();
        assertEquals("{\"taskId\":\"" + taskId + "\"}", lines.getFirst());
        for (int k = 1; k <= beats; k++) {
            assertEquals("{\"progress\":" + k + "}", lines.get(k), "line " + k + " of " + lines);
        }
        assertEquals("{\"result\":\"done\"}", lines.getLast());
        assertEquals(beats + 2, lines.size(), "task id, " + beats + " progress lines, done: " + lines);
        server.awaitTask(taskId, "SUCCEEDED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void workWithoutStreamingAnswersOnceAtTheEnd(Client server) throws Exception {
        HttpResponse<String> r = server.get("/work?ms=60&stream=false");
        assertEquals(200, r.statusCode());
        JsonNode body = json(r);
        assertEquals("done", body.path("result").asText());
        assertEquals(r.headers().firstValue("X-Task-Id").orElseThrow(), body.path("taskId").asText());
    }

    /** ms is an integer from 0 to 60000 and flags are true or false; anything else is 400, not clamped. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void badParametersAre400InvalidParam(Client server) throws Exception {
        for (String ms : List.of("-1", "abc", "60001", "")) {
            assertError(server.get("/slow?ms=" + ms), 400, "INVALID_PARAM");
            assertError(server.get("/work?ms=" + ms), 400, "INVALID_PARAM");
        }
        assertError(server.get("/slow?ms=10&fail=maybe"), 400, "INVALID_PARAM");
        assertError(server.get("/work?ms=10&stream=maybe"), 400, "INVALID_PARAM");
    }

    /** BG-1: 202 at once with the task id, and the e-mail lands in the outbox exactly once. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void emailIsAcceptedAndSentOnce(Client server) throws Exception {
        HttpResponse<String> r = server.postJson("/send-email",
                "{\"to\":\"ada@example.com\",\"subject\":\"hi\",\"body\":\"x\"}");
        assertEquals(202, r.statusCode());
        String taskId = json(r).path("taskId").asText();
        assertEquals(taskId, r.headers().firstValue("X-Task-Id").orElse(null), "X-Task-Id of /send-email");
        server.awaitTask(taskId, "SUCCEEDED");
        long mine = 0;
        for (JsonNode entry : json(server.get("/outbox"))) {
            mine += entry.path("taskId").asText().equals(taskId) ? 1 : 0;
        }
        assertEquals(1, mine, "outbox entries of task " + taskId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void badEmailsGetTheirStatus(Client server) throws Exception {
        assertError(server.postJson("/send-email", "{\"to\":"), 400, "MALFORMED_JSON");
        assertError(server.postJson("/send-email", "[]"), 400, "INVALID_FIELD");
        assertError(server.postJson("/send-email", "{\"subject\":\"no recipient\"}"), 400, "INVALID_FIELD");
        assertError(server.postJson("/send-email", ""), 400, "EMPTY_BODY");
        assertError(server.send(server.request("/send-email").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"a@b.c\"}"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        String huge = "{\"to\":\"a@b.c\",\"body\":\"" + "x".repeat(2 * Servers.MAX_BODY_BYTES) + "\"}";
        assertError(server.postJson("/send-email", huge), 413, "PAYLOAD_TOO_LARGE");
    }

    /** POOL-1, ERR-1: a job is queued (202), ends SUCCEEDED, or FAILED with its error when it throws. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void jobsAreQueuedAndAFailingJobEndsFailed(Client server) throws Exception {
        HttpResponse<String> ok = server.postForm("/job", "data=hello&ms=10");
        assertEquals(202, ok.statusCode());
        String okId = json(ok).path("jobId").asText();
        assertEquals(okId, ok.headers().firstValue("X-Task-Id").orElse(null), "X-Task-Id of /job");
        HttpResponse<String> failing = server.postForm("/job", "data=fail&ms=0");
        assertEquals(202, failing.statusCode());
        server.awaitState("/job/" + okId, "SUCCEEDED");
        JsonNode failed = server.awaitState("/job/" + json(failing).path("jobId").asText(), "FAILED");
        assertEquals("job asked to fail (data=fail)", failed.path("error").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void badJobsGetTheirStatus(Client server) throws Exception {
        assertError(server.postForm("/job", "ms=10"), 400, "INVALID_FIELD");
        assertError(server.postForm("/job", ""), 400, "INVALID_FIELD");
        assertError(server.postForm("/job", "data=%zz"), 400, "INVALID_FIELD"); // not percent-encoding
        assertError(server.postForm("/job", "data=%C3%28"), 400, "INVALID_FIELD"); // not UTF-8
        assertError(server.postForm("/job", "data=x&ms=-1"), 400, "INVALID_PARAM");
        assertError(server.send(server.request("/job").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(server.get("/job/999999"), 404, "TASK_NOT_FOUND");
        String copyTask = json(server.get("/copy")).path("taskId").asText();
        assertError(server.get("/job/" + copyTask), 404, "TASK_NOT_FOUND");
    }

    /** FAN-1/2: user and orders joined, or the first failure answered (500), or a bad fail value (400). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void dataFansOutAndFailsFast(Client server) throws Exception {
        HttpResponse<String> r = server.get("/data");
        assertEquals(200, r.statusCode());
        JsonNode body = json(r);
        assertTrue(body.path("user").has("id"), r.body());
        assertTrue(body.path("orders").isArray(), r.body());
        assertError(server.get("/data?fail=orders"), 500, "UPSTREAM_FAILED");
        assertError(server.get("/data?fail=user"), 500, "UPSTREAM_FAILED");
        assertError(server.get("/data?fail=nobody"), 400, "INVALID_PARAM");
    }

    /** TIMEOUT-1/2: 200 in time, 500 when the work fails, 408 at the deadline; each names its task. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void slowAnswers200Or500Or408(Client server) throws Exception {
        HttpResponse<String> fast = server.get("/slow?ms=10");
        assertEquals(200, fast.statusCode());
        assertEquals(fast.headers().firstValue("X-Task-Id").orElseThrow(), json(fast).path("taskId").asText());
        HttpResponse<String> failed = server.get("/slow?ms=10&fail=true");
        assertError(failed, 500, "WORK_FAILED");
        assertTrue(failed.headers().firstValue("X-Task-Id").isPresent(), "X-Task-Id of a 500");
        long late = server.config().slowDeadline().toMillis() * 10;
        HttpResponse<String> timedOut = server.get("/slow?ms=" + late);
        assertError(timedOut, 408, "TIMEOUT");
        server.awaitTask(timedOut.headers().firstValue("X-Task-Id").orElseThrow(), "TIMED_OUT");
    }

    /** LEAK-1's counters, the outbox and the task lookup. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void observationEndpointsAnswerTheirShape(Client server) throws Exception {
        JsonNode stats = json(server.get("/stats"));
        for (String counter : List.of("active", "queued", "running", "succeeded", "failed", "cancelled",
                "timedOut", "rejected")) {
            assertTrue(stats.path(counter).canConvertToLong(), counter + " in " + stats);
        }
        assertEquals(stats.path("active").asLong(), stats.path("queued").asLong() + stats.path("running").asLong(),
                "active = queued + running: " + stats);
        assertTrue(json(server.get("/outbox")).isArray());
        assertError(server.get("/tasks/999999"), 404, "TASK_NOT_FOUND");
        assertError(server.get("/tasks/nope"), 404, "TASK_NOT_FOUND");
    }

    /** HTTP-1: 404 for an unknown path whatever the method; 405 with the path's Allow for a wrong method. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void unknownPathIs404AndWrongMethodIs405WithAllow(Client server) throws Exception {
        assertError(server.get("/nope"), 404, "NOT_FOUND");
        assertError(server.send(server.request("/nope").PUT(HttpRequest.BodyPublishers.noBody())), 404,
                "NOT_FOUND");
        // the routes are the Endpoint table's exact paths: no trailing slash, {id} is one segment
        assertError(server.get("/copy/"), 404, "NOT_FOUND");
        assertError(server.get("/job/1/2"), 404, "NOT_FOUND");
        for (String path : List.of("/copy", "/stats", "/tasks/1", "/job/7")) {
            HttpResponse<String> r = server.send(server.request(path).DELETE());
            assertError(r, 405, "METHOD_NOT_ALLOWED");
            assertEquals("GET", r.headers().firstValue("Allow").orElse(null), "Allow of " + path);
        }
        HttpResponse<String> job = server.get("/job");
        assertError(job, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", job.headers().firstValue("Allow").orElse(null));
    }

    /** The same listener serves HTTP/2 cleartext: the JDK client upgrades on its first request (h2c). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void http2CleartextIsServedOnTheSameListener(Client server) throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        h2.send(server.request("/plaintext").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r = h2.send(server.request("/plaintext").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals(200, r.statusCode());
        assertEquals("Hello, World!", r.body());
        assertFalse(r.headers().firstValue("Content-Type").orElse("").isEmpty());
    }
}
