package dev.offload.jetty;

import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * FAN-1/2: {@code GET /data}. Blocks this (virtual) request thread on the kit's fail-fast fan-out; a failed child is
 * 500 UPSTREAM_FAILED and its sibling is cancelled by the kit.
 */
final class FanOutHandler extends JsonHandler {
    private final OffloadApp app;

    FanOutHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected void serve(Request request, Response response, Callback callback) throws Exception {
        var data = app.fetchData(Inputs.failingChild(Http.query(request, "fail")));
        Http.json(response, callback, 200, data);
    }
}
