package dev.offload.bench;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.Admission;
import dev.offload.spec.kit.BackgroundWork;
import dev.offload.spec.kit.JobPool;
import dev.offload.spec.kit.Task;
import dev.offload.spec.kit.TaskRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The kit's bounded job pool (POOL-1/2/3) from the producer's side: how many jobs per millisecond it accepts and
 * runs, and how many it refuses once full, with one and with two request threads submitting at once.
 *
 * <p>Refusal is the overload path: a server under more load than its workers can take answers 503 for most
 * requests, so a reject must cost less than an accept or the overload feeds itself. Accept is measured as a
 * sustainable rate: the jobs are trivial and really run, and a producer backs off while the queue is deeper than
 * {@link Accepting#HIGH_WATER}, so the figure is what the pool keeps up with, not a burst into an ever-growing queue.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class JobPoolBenchmark {
    private static final Task.Work NOTHING = () -> null;

    /** A pool with room: every submit is accepted and runs. */
    @State(Scope.Benchmark)
    public static class Accepting {
        static final int WORKERS = 2;
        static final int QUEUE_CAPACITY = 100_000;
        static final int HIGH_WATER = 10_000;

        TaskRegistry registry;
        BackgroundWork background;
        JobPool pool;

        @Setup(Level.Trial)
        public void setUp() {
            registry = new TaskRegistry("bench");
            background = new BackgroundWork(registry);
            pool = new JobPool(registry, background, WORKERS, QUEUE_CAPACITY);
        }

        /** Let the workers catch up so no iteration inherits the previous one's backlog. */
        @TearDown(Level.Iteration)
        public void catchUp() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (background.inFlight() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(background.inFlight() + " jobs still in flight after 30 s");
                }
                LockSupport.parkNanos(1_000_000);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            long rejected = registry.stats().rejected();
            background.drain(Duration.ofSeconds(10));
            pool.close();
            if (rejected != 0) {
                throw new IllegalStateException(rejected + " submits were refused: the accept figure is not pure");
            }
        }

        Admission submit() {
            if (pool.queued() > HIGH_WATER) {
                while (pool.queued() > HIGH_WATER / 2) {
                    LockSupport.parkNanos(20_000);
                }
            }
            return pool.submit("job", NOTHING);
        }
    }

    /** A pool whose only worker is stuck and whose one queue slot is taken: every submit is refused. */
    @State(Scope.Benchmark)
    public static class Full {
        TaskRegistry registry;
        BackgroundWork background;
        JobPool pool;
        final CountDownLatch release = new CountDownLatch(1);

        @Setup(Level.Trial)
        public void setUp() {
            registry = new TaskRegistry("bench");
            background = new BackgroundWork(registry);
            pool = new JobPool(registry, background, 1, 1);
            Task.Work stuck = () -> {
                release.await();
                return null;
            };
            pool.submit("stuck", stuck); // taken by the worker
            pool.submit("stuck", stuck); // fills the queue
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            release.countDown();
            background.drain(Duration.ofSeconds(10));
            pool.close();
        }

        Admission submit() {
            Admission admission = pool.submit("job", NOTHING);
            if (!(admission instanceof Admission.Refused refused) || refused.code() != ErrorCode.QUEUE_FULL) {
                throw new IllegalStateException("a full pool did not refuse with QUEUE_FULL: " + admission);
            }
            return admission;
        }
    }

    @Benchmark
    @Threads(1)
    public Admission accept_1producer(Accepting pool) {
        return pool.submit();
    }

    @Benchmark
    @Threads(2)
    public Admission accept_2producers(Accepting pool) {
        return pool.submit();
    }

    @Benchmark
    @Threads(1)
    public Admission reject_1producer(Full pool) {
        return pool.submit();
    }

    @Benchmark
    @Threads(2)
    public Admission reject_2producers(Full pool) {
        return pool.submit();
    }
}
