package dev.offload.helidon;

import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.RequestSnapshot;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * COPY-1/2, {@code GET /copy}: everything the task needs is copied into an immutable {@link RequestSnapshot} on the
 * request thread, before anything is spawned. Helidon keeps request metadata valid after the handler returns, but
 * the snapshot does not rely on that: the task never sees the {@link ServerRequest}.
 */
final class CopyService implements HttpService {
    private final OffloadApp app;

    CopyService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/copy", this::copy)
                .any("/copy", ErrorMapping.methodNotAllowed(Method.GET));
    }

    private void copy(ServerRequest req, ServerResponse res) {
        String trace = JsonReplies.header(req, JsonReplies.X_TRACE);
        RequestSnapshot snapshot = new RequestSnapshot(req.prologue().uriPath().path(),
                JsonReplies.query(req, "user_id"), trace);
        var accepted = app.copy(snapshot);
        if (trace != null) {
            res.header(JsonReplies.X_TRACE, trace);
        }
        res.header(JsonReplies.X_TASK_ID, accepted.taskId());
        JsonReplies.ok(res, accepted);
    }
}
