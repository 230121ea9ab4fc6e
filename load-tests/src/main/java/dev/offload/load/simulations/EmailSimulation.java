package dev.offload.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static dev.offload.load.simulations.Requests.observe;

/**
 * BG: {@code POST /send-email} answered 202 at once while the send runs in the background for {@code emailDelay}.
 * At a constant rate the server holds rate × emailDelay sends in flight; latency must stay that of a small request.
 */
public final class EmailSimulation extends OffloadSimulation {
    public static final String REQUEST = "send-email";

    public EmailSimulation() {
        super(1000);
        setUp(warmUpThenMeasure(REQUEST, measured -> exec(session -> session.set("userId", session.userId()))
                .exec(observe(http(named(REQUEST, measured)).post("/send-email")
                        .body(StringBody("{\"to\":\"user#{userId}@example.com\",\"subject\":\"load\",\"body\":\"hi\"}"))
                        .asJson())
                        .check(status().is(202), jsonPath("$.taskId").exists()))))
                .protocols(protocol)
                .assertions(noFailedRequests());
    }
}
