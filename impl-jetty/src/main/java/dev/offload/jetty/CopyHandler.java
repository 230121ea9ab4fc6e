package dev.offload.jetty;

import dev.offload.spec.kit.Answer;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.Reply;
import dev.offload.spec.kit.RequestSnapshot;
import org.eclipse.jetty.server.Request;

/** COPY-1/2: {@code GET /copy}. Copies what the task needs out of the request before anything is spawned. */
final class CopyHandler extends AnswerHandler {
    private final OffloadApp app;

    CopyHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected Answer answer(Request request) {
        // Plain strings only: the task never sees the Request, which Jetty may reuse once the callback completes.
        return app.copy(new RequestSnapshot(request.getHttpURI().getCanonicalPath(),
                RequestValues.query(request, "user_id"), request.getHeaders().get(Reply.X_TRACE)));
    }
}
