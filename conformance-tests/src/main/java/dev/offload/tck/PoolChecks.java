package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.StatsView;
import dev.offload.spec.TaskState;
import dev.offload.spec.TaskView;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * POOL-1..3 and ERR-1: the guide's worker pool, a fixed number of {@code workers} behind a queue of
 * {@code queueCapacity}. POOL-1 and POOL-3 judge one experiment, the <em>fill</em>: a burst of slow jobs that is
 * larger than workers + queue, sent from several connections at once.
 */
public final class PoolChecks {

    /**
     * POOL-1: a burst of {@code workers + queueCapacity + extra} jobs, each running {@code scale.fillJobMs}: the
     * first are accepted with 202 {@code {"jobId"}}, the rest refused with 503 QUEUE_FULL carrying a JSON error and
     * {@code Retry-After}; no submit takes half a job's time (none waits for a worker); {@code GET /job/{id}}
     * returns the accepted job, 404 TASK_NOT_FOUND for an unknown id or a task that is not a job; {@code rejected}
     * in {@code /stats} counts each refusal.
     *
     * <p>If it fails: the figure says which: no 503 at all (unbounded queue), a 503 without Retry-After or JSON, a
     * slow submit (a blocking {@code put} instead of {@code offer}), or too few accepted (a queue smaller than
     * configured).
     */
    @Cites({"OBS-2", "CONV-7"})
    public Verdict required_POOL_1_fullPoolAnswers503WithRetryAfterAtOnce(Probe p) throws Exception {
        PoolFill fill = PoolFill.of(p);
        int workers = p.config().workers();
        int capacity = p.config().queueCapacity();
        Probe.require(fill.failures.isEmpty(), "submits failed: " + fill.failures.stream().limit(3).toList());
        Probe.require(!fill.rejected.isEmpty(), fill.accepted.size() + " of " + fill.sent + " submits accepted,"
                + " none refused, with " + workers + " workers and queueCapacity " + capacity);
        Probe.require(fill.accepted.size() >= capacity, "only " + fill.accepted.size()
                + " accepted before 503s, with queueCapacity " + capacity);
        Probe.require(fill.accepted.size() <= workers * 2 + capacity, fill.accepted.size()
                + " accepted, more than workers + queueCapacity (" + (workers + capacity) + ") allow");
        for (HttpResponse<String> r : fill.rejected) {
            String problem = Probe.errorBodyProblem(r);
            Probe.require(problem == null, "503: " + problem);
            Probe.require("QUEUE_FULL".equals(Probe.errorCode(r.body())), "503 with code "
                    + Probe.errorCode(r.body()) + ", not QUEUE_FULL");
            Optional<String> retry = r.headers().firstValue("Retry-After");
            Probe.require(retry.isPresent(), "503 QUEUE_FULL without Retry-After");
            Probe.require(retry.get().trim().matches("\\d+") || retry.get().contains("GMT"), "Retry-After '"
                    + retry.get() + "' is neither seconds nor an HTTP date");
        }
        // A submit slower than half a fill job waited for a worker instead of answering 503.
        Probe.require(fill.slowestMs < p.scale().fillJobMs() / 2, "slowest submit took " + fill.slowestMs
                + " ms while the pool was full: submits block");
        String first = fill.accepted.get(0);
        HttpResponse<String> job = p.get("/job/" + first);
        Probe.require(job.statusCode() == 200, "GET /job/" + first + " (a job it accepted) answered "
                + Answer.of(job) + "; expected 200 with the task");
        TaskView view = Shapes.task("GET /job/" + first, job);
        Probe.require(first.equals(view.id()) && "job".equals(view.kind()), "GET /job/" + first + " returned "
                + Answer.of(job) + "; expected the task with id " + first + " and kind job");
        HttpResponse<String> unknown = p.get("/job/987654321");
        Probe.require(unknown.statusCode() == 404 && "TASK_NOT_FOUND".equals(Probe.errorCode(unknown.body())),
                "GET /job/987654321 answered " + unknown.statusCode() + " " + Probe.abbreviate(unknown.body(), 60));
        String copyTask = Probe.json(p.get("/copy?user_id=pool1").body()).path("taskId").asText();
        HttpResponse<String> notAJob = p.get("/job/" + copyTask);
        Probe.require(notAJob.statusCode() == 404, "GET /job/" + copyTask + " (a copy task, not a job) answered "
                + notAJob.statusCode());
        Probe.require(fill.rejectedCounted == fill.rejected.size(), "/stats rejected grew by " + fill.rejectedCounted
                + " for " + fill.rejected.size() + " refusals");
        return Verdict.pass(fill.accepted.size() + " accepted, " + fill.rejected.size() + " refused with 503 + "
                + "Retry-After: " + fill.rejected.get(0).headers().firstValue("Retry-After").orElse("")
                + "; slowest submit " + fill.slowestMs + " ms").withValue(fill.slowestMs, "ms");
    }

    /**
     * POOL-2: {@code scale.uniqueJobIds} jobs submitted as fast as 16 connections go (retrying a 503 after a few
     * ms) get that many distinct job ids, and the first of them is still visible through {@code /tasks/{id}} once
     * all have ended (retention, SPEC.md CONV-5, up to the scale's count).
     *
     * <p>If it fails: ids come from a clock ({@code time.Now().UnixNano()} in the guide) or a non-atomic counter;
     * use one atomic sequence.
     */
    @Cites({"CONV-5"})
    public Verdict required_POOL_2_jobIdsUniqueUnderRapidSubmission(Probe p) throws Exception {
        int target = p.scale().uniqueJobIds();
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger claimed = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 16; t++) {
                threads.submit(() -> {
                    int n;
                    while ((n = claimed.getAndIncrement()) < target && failures.isEmpty()) {
                        while (System.nanoTime() < deadline) {
                            HttpResponse<String> r;
                            try {
                                r = p.postForm("/job", "data=id-" + n + "&ms=0");
                            } catch (IOException e) {
                                failures.add("submit failed: " + Evidence.failure(e));
                                break;
                            }
                            if (r.statusCode() == 202) {
                                ids.add(Probe.json(r.body()).path("jobId").asText(""));
                                break;
                            } else if (r.statusCode() == 503) {
                                retried.incrementAndGet();
                                Thread.sleep(5);
                            } else {
                                failures.add("submit answered " + Answer.of(r) + "; expected 202 or 503");
                                break;
                            }
                        }
                    }
                    return null;
                });
            }
        }
        long took = Probe.millisSince(start);
        Probe.require(failures.isEmpty(), failures.peek());
        Probe.require(ids.size() == target, "only " + ids.size() + " of " + target + " accepted within 90 s");
        Set<String> distinct = new HashSet<>(ids);
        distinct.remove("");
        if (distinct.size() != target) {
            List<String> sorted = new ArrayList<>(ids);
            Collections.sort(sorted);
            String dup = null;
            for (int i = 1; i < sorted.size() && dup == null; i++) {
                if (sorted.get(i).equals(sorted.get(i - 1))) {
                    dup = sorted.get(i);
                }
            }
            return Verdict.fail(String.format("%,d jobs accepted, only %,d distinct ids (e.g. %s twice)", target,
                    distinct.size(), dup)).withValue(target - distinct.size(), "duplicates");
        }
        // SPEC.md CONV-5: finished tasks stay visible until 10,000 newer ones finished; the first job of the burst
        // has only the rest of the burst after it.
        String first = ids.peek();
        p.awaitEnd(ids.stream().reduce((a, b) -> b).orElse(first), Duration.ofSeconds(10));
        HttpResponse<String> oldest = p.get("/tasks/" + first);
        Probe.require(oldest.statusCode() == 200, String.format("GET /tasks/%s, the first of %,d jobs, answered %s"
                + " once they ended: finished tasks must stay visible until 10,000 newer ones finished (SPEC.md"
                + " CONV-5)", first, target, Answer.of(oldest)));
        return Verdict.pass(String.format("%,d jobs accepted with %,d distinct ids in %,d ms (%d submits retried "
                + "after 503); the first still visible after them", target, distinct.size(), took, retried.get()))
                .withValue(0, "duplicates");
    }

    /**
     * POOL-3: after the POOL-1 burst, every accepted job ends SUCCEEDED (none lost to the full queue), and once the
     * queue has drained, {@code workers + 1} new submits are all accepted again and succeed.
     *
     * <p>If it fails: a refusal leaves the pool in a bad state (a permit or slot not released on the reject
     * path), or an accepted job is dropped (rejection after the task was registered).
     */
    public Verdict required_POOL_3_acceptsAgainAfterDrainAndLosesNothing(Probe p) throws Exception {
        PoolFill fill = PoolFill.of(p);
        Probe.require(fill.failures.isEmpty(), "submits failed: " + fill.failures.stream().limit(3).toList());
        Duration wait = Duration.ofMillis((long) p.scale().fillJobMs() * (fill.accepted.size() / p.config().workers() + 2))
                .plus(p.settleTimeout());
        List<String> notSucceeded = endedOtherwise(p, fill.accepted, wait);
        Probe.require(notSucceeded.isEmpty(), notSucceeded.size() + " of " + fill.accepted.size()
                + " accepted jobs did not succeed: " + notSucceeded.stream().limit(3).toList());
        StatsView drained = p.settle();
        Probe.require(drained.queued() == 0, "queue still holds " + drained.queued() + " after every job ended");
        int again = p.config().workers() + 1;
        List<String> second = new ArrayList<>();
        for (int i = 0; i < again; i++) {
            HttpResponse<String> r = p.postForm("/job", "data=again-" + i + "&ms=20");
            Probe.require(r.statusCode() == 202, "after the queue drained, submit " + (i + 1) + " of " + again
                    + " answered " + r.statusCode() + " " + Probe.abbreviate(r.body(), 60));
            second.add(Probe.json(r.body()).path("jobId").asText());
        }
        List<String> secondFailed = endedOtherwise(p, second, p.settleTimeout());
        Probe.require(secondFailed.isEmpty(), "jobs accepted after the drain did not succeed: " + secondFailed);
        return Verdict.pass(fill.accepted.size() + "/" + fill.accepted.size() + " accepted jobs SUCCEEDED; after the"
                + " drain " + again + "/" + again + " submits accepted and SUCCEEDED");
    }

    /**
     * ERR-1: {@code workers} jobs with {@code data=fail} each end FAILED with a message, the {@code failed} counter
     * grows by that many, and then as many ordinary jobs still end SUCCEEDED (no worker died) while the server keeps
     * serving.
     *
     * <p>If it fails: the job's exception escapes the worker (killing it or the pool), is swallowed (the task ends
     * SUCCEEDED or never ends), or is not counted.
     */
    @Cites({"CONV-4"})
    public Verdict required_ERR_1_failingJobEndsFailedAndWorkerSurvives(Probe p) throws Exception {
        StatsView before = p.settle();
        int workers = p.config().workers();
        List<String> failing = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            HttpResponse<String> r = p.postForm("/job", "data=fail&ms=0");
            Probe.require(r.statusCode() == 202, "POST /job data=fail answered " + r.statusCode());
            failing.add(Probe.json(r.body()).path("jobId").asText());
        }
        String message = null;
        for (String id : failing) {
            Optional<TaskView> view = p.awaitEnd(id, p.settleTimeout());
            HttpResponse<String> job = p.get("/job/" + id);
            JsonNode node = Probe.json(job.body());
            String state = node.path("state").asText();
            String error = node.path("error").asText("");
            Probe.require("FAILED".equals(state), "job " + id + " with data=fail ended " + state
                    + (view.isEmpty() ? " (task unknown)" : ""));
            Probe.require(!error.isBlank() && !node.path("error").isNull(), "job " + id
                    + " FAILED without its message");
            message = error;
        }
        StatsView after = p.settle();
        Probe.require(after.failed() - before.failed() == workers, "failed counter grew by "
                + (after.failed() - before.failed()) + ", expected " + workers);
        List<String> ok = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            HttpResponse<String> r = p.postForm("/job", "data=ok-" + i + "&ms=10");
            Probe.require(r.statusCode() == 202, "POST /job after failures answered " + r.statusCode());
            ok.add(Probe.json(r.body()).path("jobId").asText());
        }
        List<String> notOk = endedOtherwise(p, ok, p.settleTimeout());
        Probe.require(notOk.isEmpty(), "after " + workers + " failing jobs, ordinary jobs did not succeed: " + notOk);
        HttpResponse<String> plain = p.get("/plaintext");
        Probe.require(plain.statusCode() == 200, "GET /plaintext answered " + plain.statusCode());
        return Verdict.pass(workers + " failing jobs FAILED (\"" + Probe.abbreviate(message, 40) + "\"), failed +"
                + workers + "; " + workers + " later jobs SUCCEEDED");
    }

    /** Job ids among {@code ids} that did not end SUCCEEDED within {@code timeout}, with their state. */
    private static List<String> endedOtherwise(Probe p, List<String> ids, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> bad = new ArrayList<>();
        for (String id : ids) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Optional<TaskView> view = p.awaitEnd(id, left);
            TaskState state = view.map(TaskView::state).orElse(null);
            if (state != TaskState.SUCCEEDED) {
                bad.add(id + (view.isEmpty() ? " not found" : " " + state));
            }
        }
        return bad;
    }
}
