package dev.offload.helidon;

import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * FAN-1/2, {@code GET /data}: the request's virtual thread blocks on the kit's fail-fast fan-out, which is cheap on
 * Helidon's thread-per-request model; a failing child becomes UPSTREAM_FAILED (500) through {@link ErrorMapping}.
 */
final class FanOutService implements HttpService {
    private final OffloadApp app;

    FanOutService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/data", this::data)
                .any("/data", ErrorMapping.methodNotAllowed(Method.GET));
    }

    private void data(ServerRequest req, ServerResponse res) throws InterruptedException {
        JsonReplies.ok(res, app.fetchData(Inputs.failingChild(JsonReplies.query(req, "fail"))));
    }
}
