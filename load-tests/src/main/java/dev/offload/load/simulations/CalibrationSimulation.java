package dev.offload.load.simulations;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The injector's own ceiling on this machine: {@code GET /plaintext} at rising constant rates ({@code load.steps},
 * each held {@code load.stepSeconds}) after a warm-up. Each step is a scenario of its own, started after the ones
 * before it, whose request is named after its rate ({@link #requestName}), so Gatling's statistics give each step
 * apart even when the injector falls behind its schedule. The orchestrator calls a step clean when nothing failed
 * and its p99 stayed low; the ceiling is the highest rate whose step and every lower step were clean. The servers
 * are an order of magnitude faster than Gatling here, so this is the injector's limit on this machine.
 * No assertions: finding where it breaks is the point.
 */
public final class CalibrationSimulation extends OffloadSimulation {
    public CalibrationSimulation() {
        super(0);
        List<Double> steps = LoadSettings.numbers("load.steps", "1000,2000,3000,4000,6000");
        long stepMs = (long) (LoadSettings.number("load.stepSeconds", 3) * 1000);

        List<PopulationBuilder> stepped = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            double rate = steps.get(i);
            ScenarioBuilder step = scenario("step " + requestName(rate))
                    .exec(http(requestName(rate)).get("/plaintext")
                            .check(status().is(200), bodyString().is("Hello, World!")));
            stepped.add(step.injectOpen(nothingFor(Duration.ofMillis(i * stepMs)),
                    constantUsersPerSec(rate).during(Duration.ofMillis(stepMs))));
        }
        ScenarioBuilder warmUp = scenario(WARM_UP + "calibration")
                .exec(http(WARM_UP + "plaintext").get("/plaintext").check(status().is(200)));
        setUp(warmUp.injectOpen(rampUsersPerSec(steps.getFirst() / 10).to(steps.getFirst())
                        .during(Duration.ofSeconds(settings.warmupSeconds())))
                .andThen(stepped.toArray(PopulationBuilder[]::new)))
                .protocols(protocol);
    }

    /** The request name Gatling reports a step under. */
    public static String requestName(double rate) {
        return "plaintext @ " + Math.round(rate) + "/s";
    }
}
