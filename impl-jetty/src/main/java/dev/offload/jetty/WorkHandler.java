package dev.offload.jetty;

import dev.offload.spec.kit.Answer;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.server.Request;

/**
 * CANCEL-1..4: {@code GET /work}. The kit runs the work in a scope bound to this request; {@link ReplyWriter}
 * streams its NDJSON lines (or, with {@code stream=false}, writes the one reply when the work ends) and cancels the
 * scope when Jetty shows the client gone: a failed heartbeat write (HTTP/1.1) or a request failure (HTTP/2 reset).
 */
final class WorkHandler extends AnswerHandler {
    private final OffloadApp app;

    WorkHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected Answer answer(Request request) {
        return app.work(RequestValues.query(request, "ms"), RequestValues.query(request, "stream"));
    }
}
