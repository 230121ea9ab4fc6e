package dev.offload.spec.kit;

import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two children in parallel, joined fail-fast: the guide's async/await pattern without its leak. The first child to
 * fail fails the whole call at once, and the sibling still running is ended CANCELLED and interrupted instead of
 * running on unobserved (the guide awaits the user first and never cancels the orders fetch).
 */
public final class FanOut {
    private FanOut() {
    }

    /** Both children's values. */
    public record Both<A, B>(A first, B second) {
    }

    /** A child failed; {@code kind} names it. */
    public static final class ChildFailed extends Exception {
        private final String kind;

        public ChildFailed(String kind, String message) {
            super(kind + " failed: " + message, null, false, false);
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }

    /** Runs both children as tasks of {@code kindA}/{@code kindB}; returns when both succeeded or one failed. */
    public static <A, B> Both<A, B> both(TaskRegistry registry, String kindA, Deadline.Job<A> a, String kindB,
                                         Deadline.Job<B> b) throws ChildFailed, InterruptedException {
        Task taskA = registry.create(kindA);
        Task taskB = registry.create(kindB);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            ExecutorCompletionService<Object> done = new ExecutorCompletionService<>(threads);
            Future<Object> futureA = done.submit(() -> child(taskA, a));
            Future<Object> futureB = done.submit(() -> child(taskB, b));
            try {
                for (int i = 0; i < 2; i++) {
                    Future<Object> next = done.take();
                    if (next.state() == Future.State.FAILED) {
                        boolean aFailed = next == futureA;
                        cancel(aFailed ? taskB : taskA, aFailed ? futureB : futureA, "sibling failed");
                        Task failed = aFailed ? taskA : taskB;
                        throw new ChildFailed(failed.kind(), failed.view().error());
                    }
                }
            } catch (InterruptedException e) {
                cancel(taskA, futureA, "caller interrupted");
                cancel(taskB, futureB, "caller interrupted");
                throw e;
            }
            @SuppressWarnings("unchecked")
            Both<A, B> both = new Both<>((A) futureA.resultNow(), (B) futureB.resultNow());
            return both;
        }
    }

    private static void cancel(Task task, Future<?> future, String reason) {
        task.cancel(reason);
        future.cancel(true);
    }

    /** A child's body: the kit's task wrapper, rethrown so the completion service sees FAILED. */
    private static <T> T child(Task task, Deadline.Job<T> job) throws Exception {
        return switch (task.execute(job)) {
            case Task.Ending.Succeeded<T> done -> done.value();
            case Task.Ending.Failed<T> failed -> throw new ChildFailed(task.kind(), failed.message());
            case Task.Ending.Interrupted<T> interrupted -> throw new InterruptedException("interrupted");
            case Task.Ending.Lost<T> lost -> throw new InterruptedException("ended by its sibling or its caller");
        };
    }
}
