package dev.offload.jetty;

import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.RequestSnapshot;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** COPY-1/2: {@code GET /copy}. Copies what the task needs out of the request before anything is spawned. */
final class CopyHandler extends JsonHandler {
    private static final String TRACE = "X-Trace";

    private final OffloadApp app;

    CopyHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected void serve(Request request, Response response, Callback callback) {
        // Plain strings only: the task never sees the Request, which Jetty may reuse once the callback completes.
        RequestSnapshot snapshot = new RequestSnapshot(request.getHttpURI().getCanonicalPath(),
                Http.query(request, "user_id"), request.getHeaders().get(TRACE));
        var accepted = app.copy(snapshot);
        if (snapshot.trace() != null) {
            response.getHeaders().put(TRACE, snapshot.trace());
        }
        Http.json(response, callback, 200, accepted);
    }
}
