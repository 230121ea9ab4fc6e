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
    static final String SHUTTING_DOWN = "server is shutting down; no new work is accepted";

    public BackgroundWork(TaskRegistry registry) {
        this.registry = registry;
    }

    /** Starts {@code work} as {@code task} on its own virtual thread, unless draining has begun. */
    public Admission spawn(Task task, Task.Work work) {
        FutureTask<Void> future = wrap(task, work);
        return admit(task, future, () -> {
            threads.newThread(future).start();
            return true;
        }, ErrorCode.SHUTTING_DOWN, SHUTTING_DOWN);
    }

    /** The runnable form of a tracked task: runs it through the task wrapper, then stops tracking it. */
    public FutureTask<Void> wrap(Task task, Task.Work work) {
        return new FutureTask<>(() -> {
            try {
                task.run(work);
            } finally {
                settle(task);
            }
        }, null);
    }

    /** Hands a tracked task to whatever runs it; false means it was not taken (a full queue). */
    @FunctionalInterface
    public interface Start {
        boolean tryStart();
    }

    /**
     * Tracks {@code task} and calls {@code start} to hand it over. If draining has begun the answer is
     * SHUTTING_DOWN; if {@code start} does not take it, {@code refusal} with {@code message}. A refused task is
     * untracked and counted rejected.
     */
    public Admission admit(Task task, Future<?> future, Start start, ErrorCode refusal, String message) {
        door.readLock().lock();
        try {
            if (!accepting) {
                registry.reject(task);
                return new Admission.Refused(ErrorCode.SHUTTING_DOWN, SHUTTING_DOWN);
            }
            inFlight.put(task, future);
            if (!start.tryStart()) {
                inFlight.remove(task);
                registry.reject(task);
                return new Admission.Refused(refusal, message);
            }
            return new Admission.Accepted(task);
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

    /** Closes the door: nothing is admitted after this returns (admission holds the other side of the lock). */
    public void stopAccepting() {
        door.writeLock().lock();
        try {
            accepting = false;
        } finally {
            door.writeLock().unlock();
        }
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
        stopAccepting();
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
