package dev.offload.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static dev.offload.load.simulations.Requests.observe;

/**
 * PLAINTEXT: {@code GET /plaintext} at a constant rate. The reference every other scenario is compared with: the
 * server's cost of one request with no work handed off.
 */
public final class PlaintextSimulation extends OffloadSimulation {
    public static final String REQUEST = "plaintext";

    public PlaintextSimulation() {
        super(1000);
        setUp(warmUpThenMeasure(REQUEST, measured -> exec(observe(http(named(REQUEST, measured)).get("/plaintext"))
                .check(status().is(200), bodyString().is("Hello, World!")))))
                .protocols(protocol)
                .assertions(noFailedRequests());
    }
}
