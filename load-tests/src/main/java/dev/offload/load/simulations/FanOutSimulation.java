package dev.offload.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static dev.offload.load.simulations.Requests.observe;

/**
 * FAN: {@code GET /data} runs two simulated upstream calls in parallel; its latency is compared with the slower
 * child's delay ({@code ordersDelay}): what is left over is the cost of forking, joining and answering.
 */
public final class FanOutSimulation extends OffloadSimulation {
    public static final String REQUEST = "data";

    public FanOutSimulation() {
        super(200);
        setUp(warmUpThenMeasure(REQUEST, measured -> exec(observe(http(named(REQUEST, measured)).get("/data"))
                .check(status().is(200),
                        jsonPath("$.user.id").exists(),
                        jsonPath("$.orders[*]").count().is(2)))))
                .protocols(protocol)
                .assertions(noFailedRequests());
    }
}
