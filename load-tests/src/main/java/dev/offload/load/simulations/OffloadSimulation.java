package dev.offload.load.simulations;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The load shape every Offload simulation shares: an open model (users arrive at a fixed rate whether or not earlier
 * ones got their answer, so a slow or overloaded server shows up as latency and errors instead of being hidden by a
 * closed loop: coordinated omission), a warm-up phase first whose requests carry a {@value #WARM_UP} prefix so the
 * statistics of the measured request names cover the measured phase only, then the measured phase at
 * {@code load.rate} for {@code load.measureSeconds}.
 */
public abstract class OffloadSimulation extends Simulation {
    /** Prefix of every warm-up request name; the orchestrator ignores these names. */
    public static final String WARM_UP = "warm-up: ";

    protected final LoadSettings settings;
    protected final Markers markers = new Markers();
    protected final Outcomes outcomes = new Outcomes();

    /**
     * Keep-alive connections shared by all virtual users, like an API client's pool: without
     * {@code shareConnections()} every open-model user would open its own TCP connection and the test would measure
     * connection setup instead of the behaviour.
     */
    protected final HttpProtocolBuilder protocol;

    protected OffloadSimulation(double defaultRate) {
        this.settings = LoadSettings.fromSystemProperties(defaultRate);
        this.protocol = http.baseUrl(settings.baseUrl())
                .shareConnections()
                .disableWarmUp()
                .disableCaching()
                .userAgentHeader("offload-load-tests");
    }

    /**
     * Warm-up users (rate ramping from a tenth of {@code load.rate} to it), then — once they have all finished — the
     * measured users at a constant {@code load.rate}. {@code requests} builds the chain for a given request name; the
     * measured chain marks the start of the measured window and records each outcome. {@code alongsideMeasured}
     * start together with the measured users (e.g. DRAIN's SIGTERM timer); chain {@code andThen} on the result for
     * what must come after the measured phase (e.g. POOL's verification).
     */
    protected PopulationBuilder warmUpThenMeasure(String scenarioName, Function<Boolean, ChainBuilder> requests,
                                                  PopulationBuilder... alongsideMeasured) {
        ScenarioBuilder warmUp = scenario(WARM_UP + scenarioName).exec(requests.apply(false));
        ScenarioBuilder measured = scenario(scenarioName)
                .exec(session -> {
                    markers.once(Markers.MEASURE_START);
                    return session;
                })
                .exec(requests.apply(true))
                .exec(outcomes::record);
        return warmUp.injectOpen(rampUsersPerSec(Math.max(1, settings.rate() / 10)).to(settings.rate())
                        .during(Duration.ofSeconds(settings.warmupSeconds())))
                .andThen(concat(measured.injectOpen(constantUsersPerSec(settings.rate())
                        .during(Duration.ofSeconds(settings.measureSeconds()))), alongsideMeasured));
    }

    /** {@code name} for the measured phase, prefixed for the warm-up. */
    protected static String named(String name, boolean measured) {
        return measured ? name : WARM_UP + name;
    }

    /** Misbehaviour fails the run; slowness does not: no request may end KO (unexpected status, lost, no answer). */
    protected static Assertion noFailedRequests() {
        return global().failedRequests().count().is(0L);
    }

    private static PopulationBuilder[] concat(PopulationBuilder first, PopulationBuilder... rest) {
        PopulationBuilder[] all = new PopulationBuilder[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Marks the end of the measured window and writes the sidecar the orchestrator reads. */
    @Override
    public void after() {
        markers.once(Markers.MEASURE_END);
        settings.sidecar().ifPresent(path -> outcomes.write(path, markers));
    }
}
