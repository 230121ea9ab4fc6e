package dev.offload.spec.kit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A reply that is known only when its work ends. Servers with a scheduler of their own call {@link #expire()} from
 * it at {@link #deadline()} and write {@link #reply()} when it completes; others block in {@link #await()}, which is
 * its own timer. {@link #cancel} is for a client that went away; {@link #close()} ends the request, cancelling
 * whatever still runs for it.
 */
public final class PendingReply implements Answer, AutoCloseable {
    private final String taskId;
    private final CompletableFuture<Reply> reply;
    private final Duration deadline;
    private final Runnable expire;
    private final Consumer<String> cancel;

    PendingReply(String taskId, CompletableFuture<Reply> reply, Duration deadline, Runnable expire,
                 Consumer<String> cancel) {
        this.taskId = taskId;
        this.reply = reply;
        this.deadline = deadline;
        this.expire = expire;
        this.cancel = cancel;
    }

    public String taskId() {
        return taskId;
    }

    /** Completes with the finished reply (never exceptionally). */
    public CompletableFuture<Reply> reply() {
        return reply;
    }

    /** When {@link #expire()} is due, if this reply races a deadline. */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** The deadline fired: unfinished work ends TIMED_OUT and the reply becomes the 408. No-op if it finished. */
    public void expire() {
        expire.run();
    }

    /** The client is gone: unfinished work ends CANCELLED and is interrupted. */
    public void cancel(String reason) {
        cancel.accept(reason);
    }

    /** Blocks for the reply; at the deadline, if there is one, expires the work first. */
    public Reply await() throws InterruptedException {
        try {
            if (deadline == null) {
                return reply.get();
            }
            try {
                return reply.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                expire();
                return reply.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a pending reply is never completed exceptionally", e);
        }
    }

    /** The request is over: whatever still runs for it was not waited for and is cancelled, not leaked. */
    @Override
    public void close() {
        if (!reply.isDone()) {
            cancel("request ended before the work");
        }
    }
}
