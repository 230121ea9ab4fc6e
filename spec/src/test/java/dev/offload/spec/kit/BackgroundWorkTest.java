package dev.offload.spec.kit;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.Replies.DrainReport;
import dev.offload.spec.TaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundWorkTest {
    private final TaskRegistry registry = new TaskRegistry("test");
    private final BackgroundWork background = new BackgroundWork(registry);

    private Task spawnSleeping(Duration d) {
        Admission admission = background.spawn(registry.create("email"), () -> {
            Thread.sleep(d);
            return Map.of();
        });
        return ((Admission.Accepted) admission).task();
    }

    @Test
    void drainWaitsForAcceptedWorkAndReportsItCompleted() {
        List<Task> tasks = List.of(spawnSleeping(Duration.ofMillis(200)), spawnSleeping(Duration.ofMillis(300)));
        DrainReport report = background.drain(Duration.ofSeconds(10));
        assertEquals(DrainReport.of(2, List.of()), report);
        tasks.forEach(t -> assertEquals(TaskState.SUCCEEDED, t.state()));
    }

    @Test
    void drainCancelsWhatOutlivesTheTimeoutAndListsIt() {
        Task quick = spawnSleeping(Duration.ofMillis(50));
        Task stuck = spawnSleeping(Duration.ofMinutes(5));
        long start = System.nanoTime();
        DrainReport report = background.drain(Duration.ofMillis(300));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("drained", report.event());
        assertEquals(1, report.completed());
        assertEquals(List.of(stuck.id()), report.abandoned());
        assertEquals(TaskState.SUCCEEDED, quick.state());
        assertEquals(TaskState.CANCELLED, stuck.state());
        assertTrue(tookMs < 3_000, "drain took " + tookMs + " ms");
    }

    @Test
    void nothingIsAcceptedAfterDrainBegins() {
        background.drain(Duration.ZERO);
        Admission refused = background.spawn(registry.create("email"), Map::of);
        assertEquals(ErrorCode.SHUTTING_DOWN, assertInstanceOf(Admission.Refused.class, refused).code());
        assertEquals(1, registry.stats().rejected());
        assertEquals(0, registry.stats().active());
    }
}
