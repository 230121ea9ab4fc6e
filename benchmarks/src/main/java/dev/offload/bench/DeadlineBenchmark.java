package dev.offload.bench;

import dev.offload.spec.kit.Deadline;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * TIMEOUT-1/2: the kit's {@link Deadline}, sampled (SampleTime) so the percentiles show the tail, not just a mean.
 *
 * <p>In time: trivial work under a generous deadline, next to the same work on a bare virtual thread awaited with a
 * timeout; the difference is what the exactly-once task bookkeeping costs when nothing goes wrong.
 *
 * <p>Overshoot: work that would take 10 s under a {@link #SHORT_DEADLINE_MS} ms deadline. Each sample is the time
 * until the caller holds the TIMED_OUT outcome; subtract 1000 µs for the overshoot past the deadline. Two timers
 * are compared: the caller blocking in {@link Deadline#await()}, and a server's own scheduler calling
 * {@link Deadline#expire()} while the caller waits on the outcome.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class DeadlineBenchmark {
    static final long SHORT_DEADLINE_MS = 1;
    private static final Duration GENEROUS = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(SHORT_DEADLINE_MS);

    private static final Deadline.Job<String> QUICK = () -> "done";
    private static final Deadline.Job<String> TOO_SLOW = () -> {
        Thread.sleep(10_000);
        return "too late";
    };

    private TaskRegistry registry;
    private ScheduledExecutorService scheduler;

    @Setup
    public void setUp() {
        registry = new TaskRegistry("bench");
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @TearDown
    public void tearDown() {
        scheduler.shutdownNow();
    }

    @Benchmark
    public Object inTime_bareVirtualThread() throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(QUICK.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(GENEROUS.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public Object inTime_deadlineAwait() throws InterruptedException {
        return expect(Deadline.start(registry.create("slow"), GENEROUS, QUICK).await(), Deadline.Outcome.Completed.class);
    }

    @Benchmark
    public Object overshoot_deadlineAwait() throws InterruptedException {
        return expect(Deadline.start(registry.create("slow"), SHORT, TOO_SLOW).await(), Deadline.Outcome.TimedOut.class);
    }

    @Benchmark
    public Object overshoot_schedulerExpire() {
        Deadline<String> deadline = Deadline.start(registry.create("slow"), SHORT, TOO_SLOW);
        scheduler.schedule(deadline::expire, SHORT_DEADLINE_MS, TimeUnit.MILLISECONDS);
        return expect(deadline.outcome().join(), Deadline.Outcome.TimedOut.class);
    }

    private static Object expect(Deadline.Outcome<String> outcome, Class<?> expected) {
        if (!expected.isInstance(outcome)) {
            throw new IllegalStateException("expected " + expected.getSimpleName() + " but got " + outcome);
        }
        return outcome;
    }
}
