package dev.offload.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static dev.offload.load.simulations.Requests.observe;

/**
 * COPY: {@code GET /copy?user_id=U} with {@code X-Trace: T}. The handler copies the request's values into a snapshot
 * and starts a background task that observes them; the response must echo this user's own trace, which under load is
 * where a handler that shares request objects with its task would mix users up.
 */
public final class CopySimulation extends OffloadSimulation {
    public static final String REQUEST = "copy";

    public CopySimulation() {
        super(1000);
        setUp(warmUpThenMeasure(REQUEST, measured -> exec(session -> session
                        .set("userId", "u-" + session.userId())
                        .set("trace", "trace-" + session.userId()))
                .exec(observe(http(named(REQUEST, measured)).get("/copy")
                        .queryParam("user_id", "#{userId}")
                        .header("X-Trace", "#{trace}"))
                        .check(status().is(200),
                                header("X-Trace").isEL("#{trace}"),
                                jsonPath("$.status").is("ok"),
                                jsonPath("$.taskId").exists()))))
                .protocols(protocol)
                .assertions(noFailedRequests());
    }
}
