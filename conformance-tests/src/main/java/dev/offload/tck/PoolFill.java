package dev.offload.tck;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The burst POOL-1 and POOL-3 judge: {@code workers + queueCapacity + max(4, workers)} jobs of
 * {@code scale.fillJobMs} submitted at once from 8 threads, so some are refused; what was accepted, refused,
 * counted, and the slowest submit.
 */
final class PoolFill {
    int sent;
    final List<String> accepted = new ArrayList<>();
    final List<HttpResponse<String>> rejected = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    long slowestMs;
    long rejectedCounted;

    private PoolFill() {
    }

    /** The burst of this run (run once, judged by POOL-1 and POOL-3). */
    static PoolFill of(Probe p) throws Exception {
        return p.memo("pool.fill", () -> run(p));
    }

    private static PoolFill run(Probe p) throws Exception {
        p.settle();
        int workers = p.config().workers();
        int total = workers + p.config().queueCapacity() + Math.max(4, workers);
        record Submit(HttpResponse<String> response, long millis) {
        }
        // Warm the path first so class loading does not count as blocking.
        p.postForm("/job", "data=warmup&ms=0");
        long rejectedBefore = p.settle().rejected();
        List<Future<Submit>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8, Thread.ofVirtual().factory())) {
            for (int i = 0; i < total; i++) {
                int n = i;
                futures.add(threads.submit(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> r = p.postForm("/job", "data=fill-" + n + "&ms=" + p.scale().fillJobMs());
                    return new Submit(r, Probe.millisSince(start));
                }));
            }
        }
        PoolFill fill = new PoolFill();
        fill.sent = total;
        for (Future<Submit> f : futures) {
            Submit s = f.get();
            fill.slowestMs = Math.max(fill.slowestMs, s.millis());
            HttpResponse<String> r = s.response();
            if (r.statusCode() == 202) {
                String id = Probe.json(r.body()).path("jobId").asText("");
                if (id.isEmpty()) {
                    fill.failures.add("202 without jobId: " + Answer.of(r));
                } else {
                    fill.accepted.add(id);
                }
            } else if (r.statusCode() == 503) {
                fill.rejected.add(r);
            } else {
                fill.failures.add("a submit answered " + Answer.of(r) + "; expected 202 or 503");
            }
        }
        fill.rejectedCounted = p.stats().rejected() - rejectedBefore;
        if (fill.accepted.isEmpty() && fill.failures.isEmpty()) {
            fill.failures.add("no submit was accepted");
        }
        return fill;
    }
}
