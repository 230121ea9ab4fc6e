package dev.offload.spec.kit;

import dev.offload.spec.TaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadlineTest {
    private final TaskRegistry registry = new TaskRegistry("test");

    @Test
    void workInTimeCompletesWithItsValue() throws Exception {
        Deadline<String> run = Deadline.start(registry.create("slow"), Duration.ofSeconds(5), () -> "done");
        Deadline.Outcome<String> outcome = run.await();
        assertEquals(new Deadline.Outcome.Completed<>("done"), outcome);
        assertEquals(TaskState.SUCCEEDED, run.task().state());
        assertFalse(run.expire(), "a finished run cannot expire");
    }

    @Test
    void failingWorkReportsItsMessage() throws Exception {
        Deadline<String> run = Deadline.start(registry.create("slow"), Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("broken");
        });
        assertEquals(new Deadline.Outcome.Failed<>("broken"), run.await());
        assertEquals(TaskState.FAILED, run.task().state());
    }

    @Test
    void anErrorInTheWorkEndsTheTaskFailedInsteadOfLeavingItRunning() throws Exception {
        Deadline<String> run = Deadline.start(registry.create("slow"), Duration.ofSeconds(5), () -> {
            throw new AssertionError("not an Exception");
        });
        assertEquals(new Deadline.Outcome.Failed<>("not an Exception"), run.await());
        assertEquals(TaskState.FAILED, run.task().state());
        assertEquals(0, registry.stats().active());
    }

    @Test
    void deadlineInterruptsTheWorkAndReportsTimedOut() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        long start = System.nanoTime();
        Deadline<String> run = Deadline.start(registry.create("slow"), Duration.ofMillis(100), () -> {
            try {
                Thread.sleep(Duration.ofSeconds(30));
                return "too late";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        Deadline.Outcome<String> outcome = run.await();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(Deadline.Outcome.TimedOut.class, outcome);
        assertTrue(tookMs >= 100 && tookMs < 2_000, "answered after " + tookMs + " ms");
        assertTrue(interrupted.await(2, TimeUnit.SECONDS), "the work's thread was interrupted");
        assertEquals(TaskState.TIMED_OUT, run.task().state());
        assertEquals(1, registry.stats().timedOut());
        assertEquals(0, registry.stats().active());
    }

    @Test
    void expireFromAnotherSchedulerWinsExactlyOnce() throws Exception {
        Deadline<String> run = Deadline.start(registry.create("slow"), Duration.ofSeconds(10), () -> {
            Thread.sleep(Duration.ofSeconds(30));
            return "too late";
        });
        assertTrue(run.expire());
        assertFalse(run.expire());
        assertInstanceOf(Deadline.Outcome.TimedOut.class, run.outcome().get(1, TimeUnit.SECONDS));
        assertEquals(1, registry.stats().timedOut());
    }
}
