package dev.offload.spec.kit;

import dev.offload.spec.StatsView;
import dev.offload.spec.TaskState;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every task a server started, by id, and the counters of {@code GET /stats}. Ids come from one atomic sequence,
 * so they are unique under any contention (the guide's {@code time.Now().UnixNano()} is not). Finished tasks are
 * kept for lookup up to {@link #RETAINED_FINISHED}, oldest evicted first, so long load runs stay bounded in memory.
 */
public final class TaskRegistry {
    /** How many finished tasks stay visible through {@code GET /tasks/{id}}. */
    public static final int RETAINED_FINISHED = 200_000;

    private final String serverName;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Queue<String> finishedOrder = new ConcurrentLinkedQueue<>();
    private final AtomicLong finishedCount = new AtomicLong();
    private final Map<TaskState, LongAdder> byState = new EnumMap<>(TaskState.class);
    private final LongAdder rejected = new LongAdder();

    public TaskRegistry(String serverName) {
        this.serverName = serverName;
        for (TaskState s : TaskState.values()) {
            byState.put(s, new LongAdder());
        }
    }

    /** A new QUEUED task with a fresh unique id. */
    public Task create(String kind) {
        Task task = new Task(Long.toString(sequence.incrementAndGet()), kind, this);
        tasks.put(task.id(), task);
        byState.get(TaskState.QUEUED).increment();
        return task;
    }

    /** Takes back a task that never ran because it was refused (counts as rejected, not as cancelled). */
    public void reject(Task task) {
        if (tasks.remove(task.id(), task)) {
            byState.get(TaskState.QUEUED).decrement();
        }
        rejected.increment();
    }

    /** A refusal that never created a task (e.g. validation passed but the server is shutting down). */
    public void countRejected() {
        rejected.increment();
    }

    public Optional<Task> find(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    public StatsView stats() {
        long queued = count(TaskState.QUEUED);
        long running = count(TaskState.RUNNING);
        return new StatsView(serverName, queued + running, queued, running, count(TaskState.SUCCEEDED),
                count(TaskState.FAILED), count(TaskState.CANCELLED), count(TaskState.TIMED_OUT), rejected.sum());
    }

    public String serverName() {
        return serverName;
    }

    void moved(TaskState from, TaskState to) {
        byState.get(to).increment();
        byState.get(from).decrement();
    }

    void ended(Task task) {
        finishedOrder.add(task.id());
        if (finishedCount.incrementAndGet() > RETAINED_FINISHED) {
            String oldest = finishedOrder.poll();
            if (oldest != null) {
                tasks.remove(oldest);
                finishedCount.decrementAndGet();
            }
        }
    }

    private long count(TaskState state) {
        return byState.get(state).sum();
    }
}
