package dev.offload.spec.kit;

import dev.offload.spec.TaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisconnectWatchTest {
    private final TaskRegistry registry = new TaskRegistry("test");

    @Test
    void aClientThatLeavesCancelsTheWork() throws Exception {
        ProgressStream stream = new ProgressStream(registry.create("work"), Duration.ofSeconds(30), Duration.ofMillis(10));
        try (RequestScope scope = new RequestScope()) {
            DisconnectWatch watch = new DisconnectWatch(scope::cancel);
            Future<Void> running = scope.fork(stream.task(), stream.work());
            Eventually.until("work running", Duration.ofSeconds(2), () -> stream.task().state() == TaskState.RUNNING);
            watch.clientGone("reset the connection");
            Eventually.until("work ended", Duration.ofSeconds(2), running::isDone);
            assertTrue(watch.clientLeft());
            assertFalse(watch.stop(), "a watch that saw the client leave is not stopped afterwards");
        }
        assertEquals(TaskState.CANCELLED, stream.task().state());
        assertEquals("client reset the connection while the work ran", stream.task().view().error());
    }

    @Test
    void whatTheProbeSeesAfterTheReplyIsReadyCancelsNothing() throws Exception {
        try (RequestScope scope = new RequestScope()) {
            DisconnectWatch watch = new DisconnectWatch(scope::cancel);
            assertTrue(watch.stop());
            watch.clientGone("closed the connection");
            assertFalse(scope.isCancelled());
            assertEquals(DisconnectWatch.State.STOPPED, watch.state());
        }
    }

    @Test
    void aPipelinedRequestIsNotADisconnect() throws Exception {
        try (RequestScope scope = new RequestScope()) {
            DisconnectWatch watch = new DisconnectWatch(scope::cancel);
            watch.clientSentMore();
            watch.clientGone("closed the connection");
            assertFalse(scope.isCancelled());
            assertEquals(DisconnectWatch.State.CLIENT_SENT_MORE, watch.state());
            assertFalse(watch.stop());
        }
    }
}
