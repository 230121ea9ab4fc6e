package dev.offload.bench;

import dev.offload.spec.kit.Task;
import dev.offload.spec.kit.TaskRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The task registry under contention: one shared registry, as in a server, hit by one and by two threads at once.
 * Ids come from one atomic sequence (unique under any race, unlike a timestamp) and every state move is a CAS plus
 * counter updates; if those serialised the threads, two threads would get no more done than one.
 *
 * <p>{@code register}: id generation and registration only (create, then take back as a refusal does).
 * {@code lifecycle}: what every accepted task goes through, QUEUED → RUNNING → SUCCEEDED, including the retention
 * of finished tasks for lookup and, once {@link TaskRegistry#RETAINED_FINISHED} are kept, the eviction of the oldest.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class TaskRegistryBenchmark {
    private TaskRegistry registry;

    @Setup
    public void setUp() {
        registry = new TaskRegistry("bench");
    }

    @Benchmark
    @Threads(1)
    public Task register_1thread() {
        return register();
    }

    @Benchmark
    @Threads(2)
    public Task register_2threads() {
        return register();
    }

    @Benchmark
    @Threads(1)
    public Task lifecycle_1thread() {
        return lifecycle();
    }

    @Benchmark
    @Threads(2)
    public Task lifecycle_2threads() {
        return lifecycle();
    }

    private Task register() {
        Task task = registry.create("job");
        registry.reject(task);
        return task;
    }

    private Task lifecycle() {
        Task task = registry.create("job");
        if (!task.markRunning() || !task.succeed()) {
            throw new IllegalStateException("uncontended task " + task.id() + " refused a transition");
        }
        return task;
    }
}
