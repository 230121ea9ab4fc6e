package dev.offload.spec.kit;

import dev.offload.spec.ErrorCode;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The guide's worker pool done safely: a fixed number of workers behind a bounded queue. {@link #submit} never
 * blocks the caller: a full queue is an immediate {@link ApiException} with QUEUE_FULL (503), the guide's
 * {@code select { case jobQueue <- job: … default: 503 }}. Workers are virtual threads; a job that throws ends
 * FAILED and the worker lives on.
 */
public final class JobPool implements AutoCloseable {
    private final TaskRegistry registry;
    private final BackgroundWork background;
    private final ThreadPoolExecutor executor;

    public JobPool(TaskRegistry registry, BackgroundWork background, int workers, int queueCapacity) {
        this.registry = registry;
        this.background = background;
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), Thread.ofVirtual().name("offload-worker-", 0).factory(),
                // Refusal is the overload path, so it must stay cheap: AbortPolicy would build a stack trace and
                // read executor.toString() under the pool's lock for every 503.
                (job, pool) -> {
                    throw new ApiException(ErrorCode.QUEUE_FULL,
                            "job queue is full (" + queueCapacity + " queued); retry later");
                });
    }

    /** Queues {@code work} as a new task of {@code kind}; throws QUEUE_FULL or SHUTTING_DOWN, never waits. */
    public Task submit(String kind, Task.Work work) {
        Task task = registry.create(kind);
        FutureTask<Void> future = background.wrap(task, work);
        background.admit(task, future, () -> executor.execute(future));
        return task;
    }

    /** Jobs waiting for a worker. */
    public int queued() {
        return executor.getQueue().size();
    }

    /** Stops the workers; call after {@link BackgroundWork#drain} so nothing accepted is dropped here. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
