package dev.offload.load.simulations;

import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.status;

/** Small request helpers shared by the simulations. */
final class Requests {
    private Requests() {
    }

    /**
     * Saves the response status and time into the session for {@link Outcomes#record}. Declared before the
     * validating checks, so they are saved even when a validating check then fails.
     */
    static HttpRequestActionBuilder observe(HttpRequestActionBuilder request) {
        return request.check(status().saveAs(Outcomes.STATUS), responseTimeInMillis().saveAs(Outcomes.RESPONSE_TIME));
    }
}
