package dev.offload.spec.kit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Simulated long work that reports progress, for {@code GET /work}: the work runs on a task thread and publishes
 * {@code progress} after every {@code heartbeat} step; the request thread takes the steps with {@link #next()} and
 * writes them to the client. A failed write is how a server sees an HTTP/1.1 client go away, so the heartbeat is
 * also the disconnect probe. {@link #next()} reports the end only once the task has ended, so a handler that closes
 * its {@link RequestScope} right after the last step never cancels work that was about to succeed.
 */
public final class ProgressStream {
    private static final int END = -1;

    private final Task task;
    private final Duration total;
    private final Duration heartbeat;
    private final BlockingQueue<Integer> steps = new LinkedBlockingQueue<>();

    public ProgressStream(Task task, Duration total, Duration heartbeat) {
        this.task = task;
        this.total = total;
        this.heartbeat = heartbeat;
        // The end is published when the task ends, however it ends: also when it is cancelled before its work
        // ever ran, so a reader never waits for a step that cannot come.
        task.whenEnded().thenRun(() -> steps.add(END));
    }

    /** The work itself: sleeps {@code total} in heartbeat steps, publishing each. Interruptible at every step. */
    public Task.Work work() {
        return () -> {
            int k = 0;
            long left = total.toNanos();
            while (left > 0) {
                long step = Math.min(left, heartbeat.toNanos());
                Thread.sleep(Duration.ofNanos(step));
                left -= step;
                steps.add(++k);
            }
            return Map.of("progress", k, "ms", total.toMillis());
        };
    }

    /** The task this stream's work runs as; fork {@link #work()} into a scope as this task. */
    public Task task() {
        return task;
    }

    /** Blocks for the next progress step; -1 once the task has ended (however it ended). */
    public int next() throws InterruptedException {
        return steps.take();
    }

    /** How many steps the work publishes when it runs to the end. */
    public int expectedSteps() {
        long beats = total.toNanos() / heartbeat.toNanos();
        return (int) (total.toNanos() % heartbeat.toNanos() == 0 ? beats : beats + 1);
    }
}
