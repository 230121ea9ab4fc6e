package dev.offload.bench;

import dev.offload.spec.kit.Deadline;
import dev.offload.spec.kit.FanOut;
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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * FAN-1/2: two children in parallel, joined. The kit's {@link FanOut#both} (tasks in the registry, fail-fast, the
 * sibling cancelled and interrupted) against the plain {@code CompletableFuture.allOf} most code writes, both on
 * virtual threads so only the join strategy differs.
 *
 * <p>When both succeed the kit's bookkeeping is the whole difference: its fixed overhead per fan-out. When one
 * child fails at once while its sibling would take {@link #SLOW_SIBLING_MS} ms, {@code allOf} reports the failure
 * only after the slow sibling finished (and that sibling ran for nothing); the kit answers right away.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class FanOutBenchmark {
    static final long SLOW_SIBLING_MS = 10;

    private static final Deadline.Job<String> USER = () -> "u-1";
    private static final Deadline.Job<String> ORDERS = () -> "order1,order2";
    private static final Deadline.Job<String> FAILS_AT_ONCE = () -> {
        throw new IllegalStateException("user service unavailable");
    };
    private static final Deadline.Job<String> SLOW = () -> {
        Thread.sleep(SLOW_SIBLING_MS);
        return "order1,order2";
    };

    private TaskRegistry registry;
    private ExecutorService virtualThreads;

    @Setup
    public void setUp() {
        registry = new TaskRegistry("bench");
        virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    }

    @TearDown
    public void tearDown() {
        virtualThreads.close();
    }

    @Benchmark
    public Object kitBoth_bothSucceed() throws Exception {
        return FanOut.both(registry, "fetch-user", USER, "fetch-orders", ORDERS);
    }

    @Benchmark
    public Object allOf_bothSucceed() {
        CompletableFuture<String> user = supply(USER);
        CompletableFuture<String> orders = supply(ORDERS);
        CompletableFuture.allOf(user, orders).join();
        return user.join() + orders.join();
    }

    @Benchmark
    public Object kitBoth_oneFailsFast() throws InterruptedException {
        try {
            FanOut.both(registry, "fetch-user", FAILS_AT_ONCE, "fetch-orders", SLOW);
        } catch (FanOut.ChildFailed expected) {
            return expected;
        }
        throw new IllegalStateException("a failing child did not fail the fan-out");
    }

    @Benchmark
    public Object allOf_oneFailsFast() {
        CompletableFuture<String> user = supply(FAILS_AT_ONCE);
        CompletableFuture<String> orders = supply(SLOW);
        try {
            CompletableFuture.allOf(user, orders).join();
        } catch (CompletionException expected) {
            return expected;
        }
        throw new IllegalStateException("a failing child did not fail the fan-out");
    }

    private CompletableFuture<String> supply(Deadline.Job<String> job) {
        Supplier<String> call = () -> {
            try {
                return job.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        };
        return CompletableFuture.supplyAsync(call, virtualThreads);
    }
}
