package dev.offload.helidon;

import dev.offload.spec.kit.Endpoint;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.Reply;
import dev.offload.spec.kit.RequestSnapshot;
import io.helidon.http.HeaderNames;
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
    static final String PATH = "/copy";
    private static final io.helidon.http.HeaderName X_TRACE = HeaderNames.create(Reply.X_TRACE);

    private final OffloadApp app;

    CopyService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.route(rules, PATH, Endpoint.COPY, this::copy);
    }

    private void copy(ServerRequest req, ServerResponse res) {
        RequestSnapshot snapshot = new RequestSnapshot(req.prologue().uriPath().path(),
                RequestValues.query(req, "user_id"), RequestValues.header(req, X_TRACE));
        ReplyWriter.send(res, app.copy(snapshot));
    }
}
