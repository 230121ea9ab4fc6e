package dev.offload.spec.kit;

import dev.offload.spec.TaskState;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestScopeTest {
    private final TaskRegistry registry = new TaskRegistry("test");

    @Test
    void cancellingTheScopeCancelsAndInterruptsItsWork() throws Exception {
        ProgressStream stream = new ProgressStream(registry.create("work"), Duration.ofSeconds(30), Duration.ofMillis(10));
        Task task = stream.task();
        try (RequestScope scope = new RequestScope()) {
            scope.fork(task, stream.work());
            Eventually.until("work running", Duration.ofSeconds(2), () -> task.state() == TaskState.RUNNING);
            scope.cancel("client disconnected");
        }
        assertEquals(TaskState.CANCELLED, task.state());
        assertEquals("client disconnected", task.view().error());
        Eventually.until("no active work", Duration.ofSeconds(2), () -> registry.stats().active() == 0);
    }

    @Test
    void closingTheScopeEndsWorkThatWasNotWaitedFor() throws Exception {
        Task task = registry.create("work");
        try (RequestScope scope = new RequestScope()) {
            scope.fork(task, () -> {
                Thread.sleep(Duration.ofSeconds(30));
                return Map.of();
            });
        }
        assertEquals(TaskState.CANCELLED, task.state());
    }

    /** Closing the scope right after the last step must not cancel work that is about to succeed. */
    @RepeatedTest(20)
    void progressArrivesInOrderAndTheWorkSucceeds() throws Exception {
        ProgressStream stream = new ProgressStream(registry.create("work"), Duration.ofMillis(20), Duration.ofMillis(7));
        Task task = stream.task();
        try (RequestScope scope = new RequestScope()) {
            scope.fork(task, stream.work());
            int expected = 1;
            for (int k = stream.next(); k >= 0; k = stream.next()) {
                assertEquals(expected++, k);
            }
            assertEquals(stream.expectedSteps() + 1, expected);
        }
        assertEquals(TaskState.SUCCEEDED, task.state(), "ended when the stream reported the end");
    }
}
