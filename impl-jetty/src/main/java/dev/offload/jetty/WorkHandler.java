package dev.offload.jetty;

import dev.offload.spec.kit.Answer;
import dev.offload.spec.kit.DisconnectWatch;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.PendingReply;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * CANCEL-1..4: {@code GET /work}. The kit runs the work in a scope bound to this request; {@link ReplyWriter}
 * streams its NDJSON lines (or, with {@code stream=false}, writes the one reply when the work ends) and cancels the
 * scope when Jetty shows the client gone: a failed heartbeat write (HTTP/1.1 streaming), a {@link DisconnectProbe}
 * on the connection (HTTP/1.1 with {@code stream=false}, where nothing is written until the end: CANCEL-3) or a
 * request failure (HTTP/2 reset or closed connection).
 */
final class WorkHandler extends AnswerHandler {
    private final OffloadApp app;

    WorkHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected Answer answer(Request request) throws Exception {
        boolean watch = app.config().watchDisconnect();
        if (watch) {
            Content.Source.consumeAll(request); // the probe reads the connection: the body must be read first
        }
        Answer answer = app.work(RequestValues.query(request, "ms"), RequestValues.query(request, "stream"));
        if (watch && answer instanceof PendingReply pending) {
            DisconnectProbe.attach(request, new DisconnectWatch(pending::cancel));
        }
        return answer;
    }
}
