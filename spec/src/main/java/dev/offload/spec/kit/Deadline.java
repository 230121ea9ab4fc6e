package dev.offload.spec.kit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work raced against a deadline, the guide's {@code context.WithTimeout} + {@code select}. The work runs as a task on
 * its own virtual thread; {@link #outcome()} completes exactly once: with the result, the failure, or — when
 * {@link #expire()} wins — TIMED_OUT, in which case the work's thread is interrupted so it does not run on.
 *
 * <p>Servers with a scheduler of their own call {@link #expire()} from it; others block in {@link #await}.
 */
public final class Deadline<T> {
    private final Task task;
    private final Duration deadline;
    private final CompletableFuture<Outcome<T>> outcome = new CompletableFuture<>();
    private final Thread worker;

    /** Something that computes a value and may be interrupted. */
    @FunctionalInterface
    public interface Job<T> {
        T call() throws Exception;
    }

    /** What became of the work. */
    public sealed interface Outcome<T> {
        record Completed<T>(T value) implements Outcome<T> {
        }

        record Failed<T>(String message) implements Outcome<T> {
        }

        record TimedOut<T>(Duration deadline) implements Outcome<T> {
        }
    }

    private Deadline(Task task, Duration deadline, Job<T> job) {
        this.task = task;
        this.deadline = deadline;
        this.worker = Thread.ofVirtual().name("offload-deadline-" + task.id()).unstarted(() -> run(job));
    }

    /** The task's state is the exactly-once guard: whoever ends it first completes the outcome. */
    private void run(Job<T> job) {
        switch (task.execute(job)) {
            case Task.Ending.Succeeded<T> done -> outcome.complete(new Outcome.Completed<>(done.value()));
            case Task.Ending.Failed<T> failed -> outcome.complete(new Outcome.Failed<>(failed.message()));
            case Task.Ending.Interrupted<T> interrupted -> outcome.complete(new Outcome.Failed<>("interrupted"));
            case Task.Ending.Lost<T> lost -> {
                // expire() ended it and completed the outcome itself
            }
        }
    }

    /** Starts {@code job} as {@code task}; the caller arranges for {@link #expire()} at the deadline. */
    public static <T> Deadline<T> start(Task task, Duration deadline, Job<T> job) {
        Deadline<T> run = new Deadline<>(task, deadline, job);
        run.worker.start();
        return run;
    }

    public Task task() {
        return task;
    }

    public Duration deadline() {
        return deadline;
    }

    public CompletableFuture<Outcome<T>> outcome() {
        return outcome;
    }

    /**
     * The deadline fired. If the work has not finished, it ends TIMED_OUT, its thread is interrupted and the outcome
     * becomes {@link Outcome.TimedOut}. Exactly once; false if the work won the race.
     */
    public boolean expire() {
        if (!task.timeOut("deadline of " + deadline.toMillis() + " ms exceeded")) {
            return false;
        }
        outcome.complete(new Outcome.TimedOut<>(deadline));
        worker.interrupt();
        return true;
    }

    /** The request is gone or over: ends unfinished work CANCELLED and interrupts it. False if it had ended. */
    public boolean cancel(String reason) {
        if (!task.cancel(reason)) {
            return false;
        }
        outcome.complete(new Outcome.Failed<>("cancelled: " + reason));
        worker.interrupt();
        return true;
    }

    /** Blocks until the work ends or the deadline passes (then expires it); the caller's thread is the timer. */
    public Outcome<T> await() throws InterruptedException {
        try {
            return outcome.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            expire();
            return outcome.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("outcome is never completed exceptionally", e);
        }
    }
}
