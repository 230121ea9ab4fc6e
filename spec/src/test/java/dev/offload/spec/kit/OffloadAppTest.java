package dev.offload.spec.kit;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit's answers, without a server: what both servers copy onto their responses. */
class OffloadAppTest {
    private final OffloadApp app = new OffloadApp("test", OffloadConfig.defaults()
            .with("slowDeadline", "200ms").with("drainTimeout", "5s").with("heartbeat", "20ms").with("workers", "1")
            .with("queueCapacity", "1").with("emailDelay", "10ms").with("copyObserveDelay", "1ms"));

    @AfterEach
    void drain() {
        app.drain();
    }

    private static String body(Reply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    @Test
    void acceptedWorkCarriesItsTaskIdInTheHeader() throws Exception {
        Reply copy = app.copy(new RequestSnapshot("/copy", "u1", "t1"));
        assertEquals(200, copy.status());
        assertEquals("t1", copy.header("X-Trace"));
        assertTrue(body(copy).contains("\"taskId\":\"" + copy.header("X-Task-Id") + "\""), body(copy));
        Reply email = app.sendEmail("application/json", () -> "{\"to\":\"a@b.c\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(202, email.status());
        assertTrue(email.header("X-Task-Id") != null, email.toString());
        Reply job = app.submitJob("application/x-www-form-urlencoded", () -> name -> name.equals("data") ? "x" : null);
        assertEquals(202, job.status());
        assertTrue(body(job).contains(job.header("X-Task-Id")), job.toString());
    }

    @Test
    void aFullPoolIsA503WithRetryAfterNotAnException() throws Exception {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replies.add(app.submitJob("application/x-www-form-urlencoded",
                    () -> name -> name.equals("data") ? "x" : name.equals("ms") ? "500" : null));
        }
        Reply refused = replies.get(2);
        assertEquals(503, refused.status(), refused.toString());
        assertEquals("1", refused.header("Retry-After"));
        assertTrue(body(refused).contains("QUEUE_FULL"), body(refused));
        assertNull(refused.header("X-Task-Id"), "nothing was started");
        assertEquals(1, app.registry().stats().rejected());
    }

    @Test
    void refusedInputIsAReplyAndNothingIsRead() throws Exception {
        Reply wrongType = app.sendEmail("text/plain", () -> {
            throw new AssertionError("the body must not be read after a 415");
        });
        assertEquals(415, wrongType.status());
        assertEquals(400, assertInstanceOf(Reply.class, app.slow("-1", null)).status());
        assertEquals(400, assertInstanceOf(Reply.class, app.work("abc", null)).status());
        assertEquals(400, app.data("nobody").status());
    }

    @Test
    void slowWorkPastTheDeadlineIsA408WithItsTaskId() throws Exception {
        PendingReply pending = assertInstanceOf(PendingReply.class, app.slow("5000", null));
        Reply reply = pending.await();
        assertEquals(408, reply.status());
        assertEquals(pending.taskId(), reply.header("X-Task-Id"));
        assertEquals(TaskState.TIMED_OUT, app.registry().find(pending.taskId()).orElseThrow().state());
    }

    @Test
    void aStreamEndsWithOneDefinedLineHoweverTheWorkEnds() throws Exception {
        try (ReplyStream done = assertInstanceOf(ReplyStream.class, app.work("50", null))) {
            assertEquals("application/x-ndjson", done.head().contentType());
            String last = null;
            for (byte[] line = done.next(); line != null; line = done.next()) {
                last = new String(line, StandardCharsets.UTF_8);
            }
            assertEquals("{\"result\":\"done\"}\n", last);
        }
        try (ReplyStream cancelled = assertInstanceOf(ReplyStream.class, app.work("5000", null))) {
            cancelled.next();
            cancelled.cancel("client disconnected");
            String last = null;
            for (byte[] line = cancelled.next(); line != null; line = cancelled.next()) {
                last = new String(line, StandardCharsets.UTF_8);
            }
            assertTrue(last.contains("WORK_FAILED") && last.contains("CANCELLED"), last);
        }
    }

    @Test
    void nonStreamingWorkCompletesOrIsCancelledByTheServer() throws Exception {
        try (PendingReply pending = assertInstanceOf(PendingReply.class, app.work("30", "false"))) {
            Reply reply = pending.await();
            assertEquals(200, reply.status());
            assertEquals("{\"taskId\":\"" + pending.taskId() + "\",\"result\":\"done\"}", body(reply));
        }
        try (PendingReply pending = assertInstanceOf(PendingReply.class, app.work("30000", "false"))) {
            pending.cancel("client disconnected");
            Reply reply = pending.await();
            assertEquals(500, reply.status());
            assertEquals(pending.taskId(), reply.header("X-Task-Id"));
            assertEquals(TaskState.CANCELLED, app.registry().find(pending.taskId()).orElseThrow().state());
        }
    }

    @Test
    void afterTheStopBeganNewWorkIsRefusedAndTheConnectionClosed() throws Exception {
        app.stopAccepting();
        Reply refused = app.copy(new RequestSnapshot("/copy", null, null));
        assertEquals(503, refused.status());
        assertTrue(refused.closesConnection());
        assertEquals("1", refused.header("Retry-After"));
    }
}
