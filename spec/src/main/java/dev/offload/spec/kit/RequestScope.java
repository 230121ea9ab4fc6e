package dev.offload.spec.kit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The request's cancellation scope: the Java counterpart of Fiber's {@code c.UserContext()}. Work forked in it is
 * bound to the request: when the server sees the client go away it calls {@link #cancel}, and when the handler
 * ends it closes the scope; either way every forked task still running is ended CANCELLED and interrupted, so
 * nothing outlives the request by accident.
 */
public final class RequestScope implements AutoCloseable {
    private final Map<Task, Future<?>> forked = new ConcurrentHashMap<>();
    private volatile String cancelReason;

    /** Runs {@code work} as {@code task} on a new virtual thread bound to this scope. */
    public Future<Void> fork(Task task, Task.Work work) {
        FutureTask<Void> future = new FutureTask<>(() -> {
            try {
                task.run(work);
            } finally {
                forked.remove(task);
            }
        }, null);
        forked.put(task, future);
        if (cancelReason != null) {
            task.cancel(cancelReason);
            forked.remove(task);
            return future;
        }
        Thread.ofVirtual().name("offload-scope-" + task.id()).start(future);
        return future;
    }

    /** Cancels everything forked in this scope; idempotent. The first reason is kept. */
    public void cancel(String reason) {
        if (cancelReason == null) {
            cancelReason = reason;
        }
        forked.forEach((task, future) -> {
            task.cancel(reason);
            future.cancel(true);
        });
        forked.clear();
    }

    public boolean isCancelled() {
        return cancelReason != null;
    }

    public String cancelReason() {
        return cancelReason;
    }

    /** Ends the request: anything still running was not waited for and is cancelled, not leaked. */
    @Override
    public void close() {
        if (!forked.isEmpty()) {
            cancel("request ended before the work");
        }
    }
}
