package dev.offload.load.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static dev.offload.load.simulations.Requests.observe;

/**
 * DRAIN under load: {@code POST /job} at a constant rate (above the pool's pace, so a backlog is queued) and, at
 * {@code load.sigtermAfterSeconds} into the measured phase, the {@value Markers#SIGTERM} mark, on which the
 * orchestrator sends SIGTERM to the server process. Requests sent before the mark must be answered 202; requests
 * sent after it are named {@value #AFTER} and may be accepted (the signal is still on its way), refused with 503 or
 * find the port closed. Every accepted job id is written to the sidecar; the orchestrator checks them against the
 * server's {@code drained} line: none abandoned and the completed count equal to the number accepted.
 */
public final class DrainSimulation extends OffloadSimulation {
    public static final String SUBMIT = "submit job";
    public static final String AFTER = "submit job (after SIGTERM)";

    private final Set<String> acceptedIds = ConcurrentHashMap.newKeySet();
    private final Outcomes afterSigterm = new Outcomes();

    public DrainSimulation() {
        super(60);
        long jobMs = (long) LoadSettings.number("load.jobMs", 100);
        double sigtermAfter = LoadSettings.number("load.sigtermAfterSeconds", settings.measureSeconds() / 2.0);

        ScenarioBuilder signal = scenario("send SIGTERM")
                .pause(Duration.ofMillis((long) (sigtermAfter * 1000)))
                .exec(session -> {
                    markers.once(Markers.SIGTERM);
                    return session;
                });

        setUp(warmUpThenMeasure(SUBMIT, measured -> submit(measured, jobMs), signal.injectOpen(atOnceUsers(1))))
                .protocols(protocol)
                .assertions(details(SUBMIT).failedRequests().count().is(0L),
                        details(WARM_UP + SUBMIT).failedRequests().count().is(0L));
    }

    /** Whether a request counts as sent after SIGTERM is decided as it starts, and kept for its outcome. */
    private ChainBuilder submit(boolean measured, long jobMs) {
        return exec(session -> session.set("afterSigterm", measured && markers.reached(Markers.SIGTERM)))
                .exec(observe(http(session -> !measured ? WARM_UP + SUBMIT
                                : session.getBoolean("afterSigterm") ? AFTER : SUBMIT)
                        .post("/job").formParam("data", "drain").formParam("ms", jobMs))
                        .check(status().in(202, 503), jsonPath("$.jobId").optional().saveAs("jobId")))
                .exec(session -> {
                    if (session.contains("jobId")) {
                        acceptedIds.add(session.getString("jobId"));
                    }
                    if (session.getBoolean("afterSigterm")) {
                        afterSigterm.count(session);
                    }
                    return session.remove("jobId");
                });
    }

    @Override
    public void after() {
        outcomes.fact("acceptedJobIds", List.copyOf(acceptedIds));
        outcomes.fact("afterSigterm", afterSigterm.snapshot(markers).get("statusMix"));
        super.after();
    }
}
