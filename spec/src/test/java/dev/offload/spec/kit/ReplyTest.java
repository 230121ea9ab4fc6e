package dev.offload.spec.kit;

import dev.offload.spec.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The headers of a reply follow from its error code alone, so both servers send the same ones. */
class ReplyTest {

    @Test
    void every503SaysWhenToRetryAndOnlyAStopClosesTheConnection() {
        for (ErrorCode code : ErrorCode.values()) {
            Reply reply = Reply.error(code, "m");
            assertEquals(code.status(), reply.status(), code.name());
            assertEquals(code.status() == 503 ? "1" : null, reply.header("Retry-After"), code.name());
            assertEquals(code == ErrorCode.SHUTTING_DOWN, reply.closesConnection(), code.name());
            assertEquals("application/json", reply.contentType());
            assertEquals("{\"error\":\"m\",\"code\":\"" + code.name() + "\"}",
                    new String(reply.body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void headersAreAddedInOrderWithoutChangingTheOriginal() {
        Reply base = Reply.ok(List.of());
        Reply withId = base.withTaskId("7").with(Reply.X_TRACE, "t");
        assertNull(base.header("X-Task-Id"));
        assertEquals("7", withId.header("x-task-id"));
        assertEquals(List.of("Content-Type", "X-Task-Id", "X-Trace"),
                withId.headers().stream().map(java.util.Map.Entry::getKey).toList());
        assertFalse(withId.closesConnection());
    }

    @Test
    void methodNotAllowedListsTheSpecsMethodsForThePath() {
        Reply reply = OffloadApp.methodNotAllowed("DELETE", "/job");
        assertEquals(405, reply.status());
        assertEquals("POST", reply.header("Allow"));
        assertEquals("GET", OffloadApp.methodNotAllowed("POST", "/job/17").header("Allow"));
        assertTrue(Endpoint.allowedMethods("/nowhere").isEmpty());
        assertTrue(Endpoint.allowedMethods("/tasks/").isEmpty(), "{id} needs a segment");
        assertTrue(Endpoint.allowedMethods("/tasks/1/x").isEmpty(), "{id} is one segment");
    }

    @Test
    void theServersOwnLimitsRefuseInTheKitsWords() {
        OffloadApp app = new OffloadApp("test", dev.offload.spec.OffloadConfig.defaults()
                .with("maxBodyBytes", "64").with("maxConcurrentRequests", "4"));
        Reply tooLarge = app.payloadTooLarge();
        assertEquals(413, tooLarge.status());
        ApiException fromTheKit = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> Inputs.requireSize(65, 64));
        assertEquals(new String(Reply.error(fromTheKit).body(), StandardCharsets.UTF_8),
                new String(tooLarge.body(), StandardCharsets.UTF_8), "one wording of a 413");
        Reply overloaded = app.overloaded();
        assertEquals(503, overloaded.status());
        assertEquals("1", overloaded.header("Retry-After"));
        assertTrue(new String(overloaded.body(), StandardCharsets.UTF_8).contains("more than 4 concurrent"));
        app.stopAccepting();
    }
}
