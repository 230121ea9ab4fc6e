package dev.offload.load.simulations;

import io.gatling.javaapi.core.ChainBuilder;

import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static dev.offload.load.simulations.Requests.observe;

/**
 * TIMEOUT: {@code GET /slow?ms=N}, every other user asking for work that fits the server's {@code slowDeadline}
 * ({@code load.deadlineMs}, a quarter of it) and the rest for work twice as long. In-time work answers 200; late work
 * must answer 408 TIMEOUT at the deadline, so the latency of {@value #OVER} minus the deadline is the overshoot: how
 * late the server's timer fires under load.
 */
public final class TimeoutSimulation extends OffloadSimulation {
    public static final String IN_TIME = "slow (in time)";
    public static final String OVER = "slow (over deadline)";

    public TimeoutSimulation() {
        super(100);
        long deadlineMs = (long) LoadSettings.number("load.deadlineMs", 1000);
        long inTimeMs = deadlineMs / 4;
        long overMs = deadlineMs * 2;
        setUp(warmUpThenMeasure("slow", measured -> doIfOrElse(session -> session.userId() % 2 == 0)
                .then(inTime(named(IN_TIME, measured), inTimeMs))
                .orElse(overDeadline(named(OVER, measured), overMs))))
                .protocols(protocol)
                .assertions(noFailedRequests());
    }

    private static ChainBuilder inTime(String name, long ms) {
        return exec(observe(http(name).get("/slow").queryParam("ms", ms))
                .check(status().is(200), jsonPath("$.result").exists()));
    }

    private static ChainBuilder overDeadline(String name, long ms) {
        return exec(observe(http(name).get("/slow").queryParam("ms", ms))
                .check(status().is(408), jsonPath("$.code").is("TIMEOUT")));
    }
}
