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
     * FAN-2: {@code GET /data?fail=user} answers 500 UPSTREAM_FAILED (JSON) before the sibling could have finished
     * (under {@code ordersDelay}), and the sibling is cancelled: {@code cancelled} grows by one, {@code failed} by
     * one, nothing stays active. {@code fail=orders} also answers 500 UPSTREAM_FAILED.
     *
     * <p>If it fails: the join awaits the children in order (the guide awaits the user, then the orders, and never
     * cancels), or the failure is not propagated to the sibling; the figure says which.
     */
    public Verdict required_FAN_2_failingChildFailsFastAndCancelsSibling(Probe p) throws Exception {
        long orders = p.config().ordersDelay().toMillis();
        p.get("/data?fail=user"); // warm-up of the failure path
        long best = Long.MAX_VALUE;
        int tries = 0;
        while (tries < 3 && best >= orders) {
            tries++;
            StatsView before = p.settle();
            long start = System.nanoTime();
            HttpResponse<String> r = p.get("/data?fail=user");
            long took = Probe.millisSince(start);
            Probe.require(r.statusCode() == 500, "GET /data?fail=user answered " + Answer.of(r)
                    + "; expected 500 UPSTREAM_FAILED");
            String problem = Probe.errorBodyProblem(r);
            Probe.require(problem == null, problem);
            Probe.require("UPSTREAM_FAILED".equals(Probe.errorCode(r.body())), "500 with code "
                    + Probe.errorCode(r.body()) + ", not UPSTREAM_FAILED");
            StatsView after = p.awaitStats(s -> s.cancelled() > before.cancelled() && s.active() == 0,
                    Duration.ofSeconds(1));
            Probe.require(after.cancelled() == before.cancelled() + 1, "sibling not cancelled: cancelled "
                    + before.cancelled() + " -> " + after.cancelled() + ", active " + after.active());
            Probe.require(after.failed() == before.failed() + 1, "failed " + before.failed() + " -> "
                    + after.failed() + ", expected +1 for the failing child");
            best = Math.min(best, took);
        }
        HttpResponse<String> r = p.get("/data?fail=orders");
        Probe.require(r.statusCode() == 500 && "UPSTREAM_FAILED".equals(Probe.errorCode(r.body())),
                "GET /data?fail=orders answered " + Answer.of(r) + "; expected 500 UPSTREAM_FAILED");
        String figure = "500 UPSTREAM_FAILED after " + best + " ms (sibling takes " + orders
                + " ms); sibling CANCELLED";
        return (best < orders ? Verdict.pass(figure) : Verdict.fail(figure + ", but the failure was not fast"))
                .withValue(best, "ms");
    }
}
