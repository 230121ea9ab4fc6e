package dev.offload.bench;

import dev.offload.spec.kit.RequestSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * COPY-1's price: what a handler pays to copy the request data a task needs (path, a query parameter, a header and
 * the body) into immutable values before it spawns, versus handing the request object itself to the task.
 *
 * <p>Handing over the reference is free on the handler's thread and wrong: the server recycles the request (and its
 * body buffer) once the handler returns, so the task may read another request's data. The snapshot is the price of
 * being right; compare it with {@link SpawnBenchmark}, the spawn it precedes, and read {@code gc.alloc.rate.norm}
 * ({@code -prof gc}) for the bytes it allocates per request: the body copy dominates as it grows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Thread)
public class CopyBeforeSpawnBenchmark {

    /** A small JSON body versus an upload-sized one. */
    @Param({"256", "16384"})
    int bodyBytes;

    private PooledRequest request;

    /** A server's request as a handler sees it: mutable, and reused for the next request once the handler returns. */
    static final class PooledRequest {
        String path;
        final Map<String, String> query = new HashMap<>();
        final Map<String, String> headers = new HashMap<>();
        byte[] buffer;
        int bodyLength;
    }

    /** What the task gets instead of the request: the kit's snapshot plus its own copy of the body. */
    record Copied(RequestSnapshot snapshot, byte[] body) {
    }

    @Setup
    public void setUp() {
        request = new PooledRequest();
        request.path = "/copy";
        request.query.put("user_id", "u-42");
        request.query.put("lang", "en");
        for (String h : new String[] {"host", "user-agent", "accept", "accept-encoding", "connection"}) {
            request.headers.put(h, h + "-value");
        }
        request.headers.put("x-trace", "trace-0123456789abcdef");
        // The server's buffer is larger than the body it holds, as pooled buffers are.
        request.buffer = new byte[bodyBytes * 2];
        ThreadLocalRandom.current().nextBytes(request.buffer);
        request.bodyLength = bodyBytes;
    }

    /** The wrong way, as a baseline: the task gets the live request and reads it later, after it was recycled. */
    @Benchmark
    public Object handOverReference() {
        return request;
    }

    /** The right way: everything the task reads is copied out on the handler's thread, before the spawn. */
    @Benchmark
    public Object copySnapshot() {
        PooledRequest r = request;
        RequestSnapshot snapshot = new RequestSnapshot(r.path, r.query.get("user_id"), r.headers.get("x-trace"));
        return new Copied(snapshot, Arrays.copyOf(r.buffer, r.bodyLength));
    }
}
