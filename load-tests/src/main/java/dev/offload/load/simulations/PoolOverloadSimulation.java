package dev.offload.load.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static dev.offload.load.simulations.Requests.observe;

/**
 * POOL overload: {@code POST /job} at about ten times what the bounded pool can do ({@code workers / jobMs}). Both
 * answers are correct behaviour: 202 (queued) and 503 QUEUE_FULL with {@code Retry-After} (refused at once, without
 * waiting). Anything else fails the run. Then every accepted job id is polled through {@code /job/{id}} until it ends:
 * each must end SUCCEEDED, so nothing accepted was lost; a lost or failed job is a failed request.
 */
public final class PoolOverloadSimulation extends OffloadSimulation {
    public static final String SUBMIT = "submit job";
    public static final String POLL = "job state";
    public static final String FINAL = "job state (must be SUCCEEDED)";

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT");
    private static final int MAX_POLLS = 100;

    private final Queue<String> toVerify = new ConcurrentLinkedQueue<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    public PoolOverloadSimulation() {
        super(800);
        long jobMs = (long) LoadSettings.number("load.jobMs", 50);
        int verifiers = (int) LoadSettings.number("load.verifiers", 8);

        ScenarioBuilder verify = scenario("verify accepted jobs")
                .exec(session -> {
                    markers.once(Markers.MEASURE_END); // polling is not part of the overload being measured
                    return session;
                })
                .asLongAs(session -> !toVerify.isEmpty()).on(
                        exec(session -> {
                            String id = toVerify.poll();
                            return id == null ? session.remove("jobId") : session.set("jobId", id);
                        }).doIf(session -> session.contains("jobId")).then(untilEnded()));

        setUp(warmUpThenMeasure(SUBMIT, measured -> submit(named(SUBMIT, measured), jobMs))
                .andThen(verify.injectOpen(atOnceUsers(verifiers))))
                .protocols(protocol)
                .assertions(noFailedRequests());
    }

    private ChainBuilder submit(String name, long jobMs) {
        return exec(observe(http(name).post("/job").formParam("data", "load").formParam("ms", jobMs))
                .check(status().in(202, 503), jsonPath("$.jobId").optional().saveAs("jobId"))
                .checkIf((response, session) -> response.status().code() == 503)
                .then(jsonPath("$.code").is("QUEUE_FULL"), header("Retry-After").exists()))
                .exec(session -> {
                    if (session.contains("jobId")) {
                        accepted.incrementAndGet();
                        toVerify.add(session.getString("jobId"));
                    }
                    return session.remove("jobId");
                });
    }

    /** Polls one job until it ends; a job that ends other than SUCCEEDED, or never ends, is a failed request. */
    private ChainBuilder untilEnded() {
        return exec(session -> session.set("state", "QUEUED").set("polls", 0).set("pollStatus", 200))
                .asLongAs(session -> session.getInt("pollStatus") == 200
                        && !TERMINAL.contains(session.getString("state"))
                        && session.getInt("polls") < MAX_POLLS).on(
                        exec(http(POLL).get("/job/#{jobId}")
                                .check(status().saveAs("pollStatus"), status().is(200),
                                        jsonPath("$.state").saveAs("state"),
                                        jsonPath("$.state").in("QUEUED", "RUNNING", "SUCCEEDED")))
                                .exec(session -> session.set("polls", session.getInt("polls") + 1))
                                .doIf(session -> !TERMINAL.contains(session.getString("state")))
                                .then(pause(Duration.ofMillis(50))))
                .exec(session -> {
                    (("SUCCEEDED".equals(session.getString("state"))) ? succeeded : lost).incrementAndGet();
                    return session;
                })
                .doIf(session -> !"SUCCEEDED".equals(session.getString("state")))
                .then(exec(http(FINAL).get("/job/#{jobId}").check(jsonPath("$.state").is("SUCCEEDED"))));
    }

    @Override
    public void after() {
        outcomes.fact("accepted", accepted.get());
        outcomes.fact("verifiedSucceeded", succeeded.get());
        outcomes.fact("lost", lost.get() + toVerify.size());
        super.after();
    }
}
