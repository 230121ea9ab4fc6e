package dev.offload.helidon;

import dev.offload.spec.kit.Endpoint;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * FAN-1/2, {@code GET /data}: the request's virtual thread blocks on the kit's fail-fast fan-out, which is cheap on
 * Helidon's thread-per-request model; a failing child is the kit's UPSTREAM_FAILED (500).
 */
final class FanOutService implements HttpService {
    static final String PATH = "/data";

    private final OffloadApp app;

    FanOutService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.route(rules, PATH, Endpoint.DATA,
                (req, res) -> ReplyWriter.send(res, app.data(RequestValues.query(req, "fail"))));
    }
}
