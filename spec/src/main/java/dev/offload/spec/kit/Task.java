package dev.offload.spec.kit;

import dev.offload.spec.TaskState;
import dev.offload.spec.TaskView;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One unit of offloaded work. State moves QUEUED → RUNNING → exactly one terminal state; every transition is a CAS,
 * so whoever ends a task first (the work itself, a deadline, a cancelled scope, a drain) wins and the others are
 * no-ops. That is what keeps the registry's counters exact under races.
 */
public final class Task {
    private final String id;
    private final String kind;
    private final TaskRegistry registry;
    private final Instant createdAt = Instant.now();
    private final AtomicReference<TaskState> state = new AtomicReference<>(TaskState.QUEUED);
    private volatile Instant startedAt;
    private volatile Instant endedAt;
    private volatile Map<String, Object> observed = Map.of();
    private volatile String error;
    private final CompletableFuture<TaskState> ended = new CompletableFuture<>();

    Task(String id, String kind, TaskRegistry registry) {
        this.id = id;
        this.kind = kind;
        this.registry = registry;
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public TaskState state() {
        return state.get();
    }

    public boolean isDone() {
        return state.get().isTerminal();
    }

    /** Completes with the terminal state, on the thread that ended the task. */
    public CompletableFuture<TaskState> whenEnded() {
        return ended.copy();
    }

    /** QUEUED → RUNNING; false if the task was already ended (e.g. cancelled while queued). */
    public boolean markRunning() {
        if (!state.compareAndSet(TaskState.QUEUED, TaskState.RUNNING)) {
            return false;
        }
        startedAt = Instant.now();
        registry.moved(TaskState.QUEUED, TaskState.RUNNING);
        return true;
    }

    /** Records what the task saw or produced, visible as {@code observed} (in the map's own key order). */
    public void observe(Map<String, Object> observed) {
        this.observed = Collections.unmodifiableMap(new LinkedHashMap<>(observed));
    }

    public boolean succeed() {
        return end(TaskState.SUCCEEDED, null);
    }

    public boolean fail(String message) {
        return end(TaskState.FAILED, message);
    }

    public boolean cancel(String reason) {
        return end(TaskState.CANCELLED, reason);
    }

    public boolean timeOut(String reason) {
        return end(TaskState.TIMED_OUT, reason);
    }

    private boolean end(TaskState terminal, String message) {
        while (true) {
            TaskState current = state.get();
            if (current.isTerminal()) {
                return false;
            }
            if (state.compareAndSet(current, terminal)) {
                error = message;
                endedAt = Instant.now();
                registry.moved(current, terminal);
                registry.ended(this);
                ended.complete(terminal);
                return true;
            }
        }
    }

    /** The body of a task: returns what it observed; throwing fails the task, an interrupt ends it. */
    @FunctionalInterface
    public interface Work {
        Map<String, Object> run() throws Exception;
    }

    /** How one {@link #execute} call ended the task, or {@link Lost} when something else ended it first. */
    public sealed interface Ending<T> {
        record Succeeded<T>(T value) implements Ending<T> {
        }

        record Failed<T>(String message) implements Ending<T> {
        }

        /** Interrupted before anyone else ended it: now CANCELLED. */
        record Interrupted<T>() implements Ending<T> {
        }

        /** A deadline, a scope, a drain or a sibling ended the task first (or it never started). */
        record Lost<T>() implements Ending<T> {
        }
    }

    /**
     * The one task-body wrapper of the kit ({@link BackgroundWork}, {@link RequestScope}, {@link Deadline} and
     * {@link FanOut} all run work through it): runs {@code job} as this task on the calling thread and always leaves
     * the task in a terminal state. A throw of any kind ends it FAILED with the message and never escapes to the
     * worker ("never ignore a panic"), except that a {@link VirtualMachineError} is rethrown once recorded; an
     * interrupt ends it CANCELLED unless whoever interrupted it already ended it (TIMED_OUT, CANCELLED).
     */
    public <T> Ending<T> execute(Deadline.Job<T> job) {
        if (!markRunning()) {
            return new Ending.Lost<>();
        }
        try {
            T value = job.call();
            return succeed() ? new Ending.Succeeded<>(value) : new Ending.Lost<>();
        } catch (InterruptedException e) {
            return cancel("interrupted") ? new Ending.Interrupted<>() : new Ending.Lost<>();
        } catch (VirtualMachineError e) {
            fail(describe(e));
            throw e;
        } catch (Throwable t) {
            String message = describe(t);
            return fail(message) ? new Ending.Failed<>(message) : new Ending.Lost<>();
        }
    }

    /** {@link #execute} for work whose result is what the task observed. */
    public Ending<Map<String, Object>> run(Work work) {
        return execute(() -> {
            Map<String, Object> result = work.run();
            if (result != null) {
                observe(result);
            }
            return result;
        });
    }

    static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }

    public TaskView view() {
        return new TaskView(id, kind, state.get(), observed, error, text(createdAt), text(startedAt), text(endedAt));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
