package dev.offload.spec.kit;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.StatsView;
import dev.offload.spec.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobPoolTest {
    private final TaskRegistry registry = new TaskRegistry("test");
    private final BackgroundWork background = new BackgroundWork(registry);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseWorkers() {
        release.countDown();
    }

    private Task.Work blocked() {
        return () -> {
            release.await();
            return Map.of();
        };
    }

    @Test
    void rejectsAtCapacityWithoutBlockingTheCaller() throws Exception {
        try (JobPool pool = new JobPool(registry, background, 2, 3)) {
            for (int i = 0; i < 5; i++) {
                pool.submit("job", blocked());
            }
            long start = System.nanoTime();
            Admission full = pool.submit("job", blocked());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(ErrorCode.QUEUE_FULL, assertInstanceOf(Admission.Refused.class, full).code());
            assertTrue(tookMs < 500, "rejection must be immediate, took " + tookMs + " ms");
            StatsView stats = registry.stats();
            assertEquals(1, stats.rejected());
            assertEquals(5, stats.active(), "the rejected job is not counted as active");
        }
    }

    @Test
    void acceptsAgainOnceTheQueueDrainsAndLosesNothing() throws Exception {
        try (JobPool pool = new JobPool(registry, background, 2, 3)) {
            List<Task> accepted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                accepted.add(task(pool.submit("job", blocked())));
            }
            assertInstanceOf(Admission.Refused.class, pool.submit("job", blocked()));
            release.countDown();
            Eventually.until("queue drained", Duration.ofSeconds(5), () -> registry.stats().active() == 0);
            accepted.add(task(pool.submit("job", () -> Map.of("late", true))));
            Eventually.until("all accepted jobs succeeded", Duration.ofSeconds(5),
                    () -> accepted.stream().allMatch(t -> t.state() == TaskState.SUCCEEDED));
            assertEquals(6, registry.stats().succeeded());
        }
    }

    @Test
    void idsAreUniqueUnderContention() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        int threads = 4;
        int perThread = 2_500;
        try (JobPool pool = new JobPool(registry, background, 4, threads * perThread);
             ExecutorService producers = Executors.newFixedThreadPool(threads)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(producers.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        ids.add(task(pool.submit("job", () -> null)).id());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertEquals(threads * perThread, ids.size());
    }

    @Test
    void aThrowingJobEndsFailedAndTheWorkerSurvives() throws Exception {
        try (JobPool pool = new JobPool(registry, background, 1, 10)) {
            Task bad = task(pool.submit("job", () -> {
                throw new IllegalStateException("boom");
            }));
            Task error = task(pool.submit("job", () -> {
                throw new AssertionError("an Error, not an Exception");
            }));
            Task good = task(pool.submit("job", () -> Map.of("ok", true)));
            Eventually.until("both ended", Duration.ofSeconds(5), () -> bad.isDone() && error.isDone() && good.isDone());
            assertEquals(TaskState.FAILED, error.state(), "an Error in a job still ends its task");
            assertEquals(TaskState.FAILED, bad.state());
            assertEquals("boom", bad.view().error());
            assertEquals(TaskState.SUCCEEDED, good.state());
            assertEquals(2, registry.stats().failed());
        }
    }

    private static Task task(Admission admission) {
        return assertInstanceOf(Admission.Accepted.class, admission).task();
    }
}
