package dev.offload.spec.kit;

import dev.offload.spec.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The guide's worker pool done safely: a fixed number of workers behind a bounded queue (capacity: {@code workers}
 * running plus {@code queueCapacity} waiting). {@link #submit} never
 * blocks the caller: a full queue is an immediate {@link Admission.Refused} with QUEUE_FULL, the guide's
 * {@code select { case jobQueue <- job: … default: 503 }}. Workers are virtual threads; a job that throws ends
 * FAILED (the kit's task wrapper) and the worker lives on.
 */
public final class JobPool implements AutoCloseable {
    private final TaskRegistry registry;
    private final BackgroundWork background;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    /** One per job running or waiting: {@code workers + queueCapacity} in all, exactly, whatever the timing. */
    private final Semaphore slots;
    private final List<Thread> workers = new ArrayList<>();
    private final String fullMessage;
    private volatile boolean closed;

    public JobPool(TaskRegistry registry, BackgroundWork background, int workers, int queueCapacity) {
        this.registry = registry;
        this.background = background;
        this.slots = new Semaphore(workers + queueCapacity);
        this.fullMessage = "job queue is full (" + queueCapacity + " queued); retry later";
        for (int i = 0; i < workers; i++) {
            this.workers.add(Thread.ofVirtual().name("offload-worker-" + i).start(this::work));
        }
    }

    /** A worker: takes queued jobs until the pool is closed; the task wrapper keeps every job's throw in its task. */
    private void work() {
        while (!closed) {
            try {
                queue.take().run();
            } catch (InterruptedException e) {
                // closed, or a stale interrupt: the loop condition decides
            }
            // a job cancelled with cancel(true) may leave its interrupt behind; the next job must not inherit it
            Thread.interrupted();
        }
    }

    /** Queues {@code work} as a new task of {@code kind}, or refuses it at once (QUEUE_FULL, SHUTTING_DOWN). */
    public Admission submit(String kind, Task.Work work) {
        Task task = registry.create(kind);
        FutureTask<Void> future = background.wrap(task, work);
        // tryAcquire() is the non-blocking hand-off: false is the full queue, answered without waiting or throwing
        return background.admit(task, future, () -> {
            if (!slots.tryAcquire()) {
                return false;
            }
            queue.add(() -> {
                try {
                    future.run();
                } finally {
                    slots.release();
                }
            });
            return true;
        }, ErrorCode.QUEUE_FULL, fullMessage);
    }

    /** Jobs waiting for a worker. */
    public int queued() {
        return queue.size();
    }

    /** Stops the workers; call after {@link BackgroundWork#drain} so nothing accepted is dropped here. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }
}
