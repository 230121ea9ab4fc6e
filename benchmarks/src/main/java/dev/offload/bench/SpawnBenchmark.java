package dev.offload.bench;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What it costs to run a trivial piece of work on another thread and learn that it finished: the fixed price of
 * every offload, before any real work. Start+join measures the hand-off both ways (start the work, wake the waiter).
 *
 * <p>Read it next to {@link CopyBeforeSpawnBenchmark}: copying the request's data is small change next to the
 * spawn it precedes, so "copying is too expensive" is never a reason to share the request. A new platform thread
 * per task is the reference point for why the kit spawns virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class SpawnBenchmark {
    private static final Runnable WORK = () -> {
    };
    private static final Supplier<String> RESULT = () -> "done";

    private ExecutorService platformPool;

    @Setup
    public void setUp() {
        platformPool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        platformPool.shutdown();
        if (!platformPool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("platform pool did not stop");
        }
    }

    /** What the kit does for every background task: a fresh virtual thread. */
    @Benchmark
    public Thread virtualThreadStartJoin() throws InterruptedException {
        Thread thread = Thread.ofVirtual().start(WORK);
        thread.join();
        return thread;
    }

    /** The classic alternative: a submit to a pool of platform threads that already exist. */
    @Benchmark
    public Object platformPoolSubmit() throws InterruptedException, ExecutionException {
        return platformPool.submit(WORK).get();
    }

    /** The fluent alternative: CompletableFuture on the common ForkJoinPool. */
    @Benchmark
    public String completableFutureSupplyAsync() {
        return CompletableFuture.supplyAsync(RESULT).join();
    }

    /** Reference point: a new OS thread per task, what virtual threads make unnecessary. */
    @Benchmark
    public Thread platformThreadStartJoin() throws InterruptedException {
        Thread thread = Thread.ofPlatform().start(WORK);
        thread.join();
        return thread;
    }
}
