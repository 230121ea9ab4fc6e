package dev.offload.spec.kit;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.Replies.DrainReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Work accepted by a request that outlives it (e-mails, copy observers, pool jobs): the Java counterpart of the
 * guide's {@code sync.WaitGroup}. Every piece is tracked until it ends, so a graceful stop can wait for it with a
 * deadline and name what it had to abandon instead of losing it silently.
 */
public final class BackgroundWork {
    private final TaskRegistry registry;
    private final ThreadFactory threads = Thread.ofVirtual().name("offload-bg-", 0).factory();
    private final Map<Task, Future<?>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger completed = new AtomicInteger();
    /** Admission holds the read side, so no work slips in after {@link #drain} closed the door. */
    private final ReadWriteLock door = new ReentrantReadWriteLock();
    private volatile boolean accepting = true;

    public BackgroundWork(TaskRegistry registry) {
        this.registry = registry;
    }

    /** Starts {@code work} as {@code task} on its own virtual thread; 503 SHUTTING_DOWN once draining. */
    public Task spawn(Task task, Task.Work work) {
        FutureTask<Void> future = wrap(task, work);
        admit(task, future, () -> threads.newThread(future).start());
        return task;
    }

    /** The runnable form of a tracked task: runs it, then stops tracking it. */
    public FutureTask<Void> wrap(Task task, Task.Work work) {
        return new FutureTask<>(() -> {
            try {
                task.run(work);
            } finally {
                settle(task);
            }
        }, null);
    }

    /**
     * Tracks {@code task} and calls {@code start} to hand it to whatever runs it. If draining has begun, or
     * {@code start} throws (a full queue), the task is rejected, untracked and the exception propagates.
     */
    public void admit(Task task, Future<?> future, Runnable start) {
        door.readLock().lock();
        try {
            if (!accepting) {
                registry.reject(task);
                throw new ApiException(ErrorCode.SHUTTING_DOWN, "server is shutting down; no new work is accepted");
            }
            inFlight.put(task, future);
            try {
                start.run();
            } catch (RuntimeException e) {
                inFlight.remove(task);
                registry.reject(task);
                throw e;
            }
        } finally {
            door.readLock().unlock();
        }
    }

    private void settle(Task task) {
        if (inFlight.remove(task) != null) {
            completed.incrementAndGet();
        }
    }

    public boolean accepting() {
        return accepting;
    }

    /** Work accepted and not yet ended. */
    public int inFlight() {
        return inFlight.size();
    }

    /**
     * Stops accepting, waits up to {@code timeout} for everything accepted, then cancels what is left and lists its
     * ids as abandoned. {@code completed} counts tracked work that ended by itself since start.
     */
    public DrainReport drain(Duration timeout) {
        door.writeLock().lock();
        try {
            accepting = false;
        } finally {
            door.writeLock().unlock();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> future : List.copyOf(inFlight.values())) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException | CancellationException e) {
                // still running or ended abnormally: the sweep below decides which
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> abandoned = new ArrayList<>();
        for (Map.Entry<Task, Future<?>> entry : List.copyOf(inFlight.entrySet())) {
            Task task = entry.getKey();
            if (task.cancel("abandoned: drainTimeout of " + timeout.toMillis() + " ms elapsed")) {
                abandoned.add(task.id());
                inFlight.remove(task);
                entry.getValue().cancel(true);
            }
            // else it ended by itself just now; its own settle() is about to count it
        }
        for (Future<?> finishing : List.copyOf(inFlight.values())) {
            try {
                finishing.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException | CancellationException e) {
                // ended; settle() has run or never will
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        abandoned.sort(Comparator.comparingLong(Long::parseLong));
        return DrainReport.of(completed.get(), abandoned);
    }
}
