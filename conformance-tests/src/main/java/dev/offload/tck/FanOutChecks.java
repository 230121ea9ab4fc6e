package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.StatsView;

import java.net.http.HttpResponse;
import java.time.Duration;

/** FAN-1 and FAN-2: the guide's async/await, two upstream calls in parallel, joined fail-fast without a leak. */
public final class FanOutChecks {
    private static final int TRIES = 5;

    /**
     * FAN-1: {@code GET /data} answers 200 {@code {"user":{"id","name"},"orders":[…]}} in about the slower child's
     * time: the best of up to five tries is below the midpoint between the slower child ({@code max(userDelay,
     * ordersDelay)}) and the sum of both, and not below the slower child.
     *
     * <p>If it fails: the children run one after the other (awaiting the first before starting the second), or on
     * a pool too small to run both at once.
     */
    public Verdict required_FAN_1_childrenRunInParallel(Probe p) throws Exception {
        long user = p.config().userDelay().toMillis();
        long orders = p.config().ordersDelay().toMillis();
        long slower = Math.max(user, orders);
        long sum = user + orders;
        long limit = slower + (sum - slower) / 2;
        p.get("/data"); // warm-up
        long best = Long.MAX_VALUE;
        int tries = 0;
        while (tries < TRIES && best >= limit) {
            tries++;
            long start = System.nanoTime();
            HttpResponse<String> r = p.get("/data");
            long took = Probe.millisSince(start);
            String expected = "expected 200 {\"user\":{\"id\",\"name\"},\"orders\":[…]} (SPEC.md FAN-1)";
            Probe.require(r.statusCode() == 200, "GET /data answered " + Answer.of(r) + "; " + expected);
            JsonNode body = Probe.json(r.body());
            String wrong = !body.path("user").isObject() ? "\"user\" is " + Shapes.kind(body.path("user"))
                    : !body.path("user").path("id").isValueNode() ? "\"user.id\" is " + Shapes.kind(body.path("user").path("id"))
                    : !body.path("user").path("name").isTextual() ? "\"user.name\" is "
                    + Shapes.kind(body.path("user").path("name"))
                    : !body.path("orders").isArray() ? "\"orders\" is " + Shapes.kind(body.path("orders")) : null;
            Probe.require(wrong == null, "GET /data: " + wrong + "; " + expected + ", got " + Answer.of(r));
            Probe.require(took + 5 >= slower, "answered in " + took + " ms, faster than the slower child ("
                    + slower + " ms): the children did not run");
            best = Math.min(best, took);
        }
        String figure = "best " + best + " ms of " + tries + " (user " + user + " ms, orders " + orders
                + " ms, sum " + sum + " ms)";
        return (best < limit ? Verdict.pass(figure) : Verdict.fail(figure + ": not below " + limit + " ms"))
                .withValue(best - slower, "ms over the slower child");
    }

    /**
     * FAN-2: {@code GET /data?fail=user} answers 500 UPSTREAM_FAILED (JSON) before the failing child's full delay
     * and before the sibling could have finished (under {@code min(userDelay, ordersDelay)}), and the sibling is
     * cancelled: {@code cancelled} grows by one, {@code failed} by one, nothing stays active. {@code fail=orders}
     * likewise answers 500 UPSTREAM_FAILED and cancels the user fetch when that is still running.
     *
     * <p>If it fails: the join awaits the children in order (the guide awaits the user, then the orders, and never
     * cancels), or the failure is not propagated to the sibling; the figure says which.
     */
    public Verdict required_FAN_2_failingChildFailsFastAndCancelsSibling(Probe p) throws Exception {
        long user = p.config().userDelay().toMillis();
        long orders = p.config().ordersDelay().toMillis();
        // The failing child fails after half its delay: the answer must come before its full delay (and before
        // the sibling could have finished).
        long fast = Math.min(user, orders);
        p.get("/data?fail=user"); // warm-up of the failure path
        long best = Long.MAX_VALUE;
        int tries = 0;
        while (tries < 3 && best >= fast) {
            tries++;
            best = Math.min(best, failOnce(p, "user", true));
        }
        // fail=orders: orders fails at ordersDelay/2; the user fetch is still running then unless it is shorter.
        boolean userStillRuns = user > orders / 2 + 50;
        failOnce(p, "orders", userStillRuns);
        String figure = "fail=user: 500 UPSTREAM_FAILED after " + best + " ms (the user fetch fails at " + user / 2
                + " ms, its full delay is " + user + " ms, the sibling takes " + orders + " ms); sibling CANCELLED;"
                + " fail=orders: 500 UPSTREAM_FAILED" + (userStillRuns ? ", sibling CANCELLED" : "");
        return (best < fast ? Verdict.pass(figure) : Verdict.fail(figure + ", but the failure was not fast: not"
                + " below " + fast + " ms")).withValue(best, "ms");
    }

    /**
     * One {@code GET /data?fail=<child>}: 500 UPSTREAM_FAILED, and (if {@code siblingRuns}) the sibling cancelled;
     * returns how long the answer took.
     */
    private static long failOnce(Probe p, String child, boolean siblingRuns) throws Exception {
        StatsView before = p.settle();
        String request = "GET /data?fail=" + child;
        long start = System.nanoTime();
        HttpResponse<String> r = p.get("/data?fail=" + child);
        long took = Probe.millisSince(start);
        Probe.require(r.statusCode() == 500, request + " answered " + Answer.of(r) + "; expected 500 UPSTREAM_FAILED");
        String problem = Probe.errorBodyProblem(r);
        Probe.require(problem == null, problem);
        Probe.require("UPSTREAM_FAILED".equals(Probe.errorCode(r.body())), request + ": 500 with code "
                + Probe.errorCode(r.body()) + ", not UPSTREAM_FAILED");
        StatsView after = p.awaitStats(s -> s.cancelled() > before.cancelled() && s.active() == 0,
                Duration.ofSeconds(1));
        if (siblingRuns) {
            Probe.require(after.cancelled() == before.cancelled() + 1, request + ": sibling not cancelled: cancelled "
                    + before.cancelled() + " -> " + after.cancelled() + ", active " + after.active());
        }
        Probe.require(after.failed() == before.failed() + 1, request + ": failed " + before.failed() + " -> "
                + after.failed() + ", expected +1 for the failing child");
        return took;
    }
}
