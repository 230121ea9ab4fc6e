package dev.offload.jetty;

import dev.offload.spec.kit.Answer;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.server.Request;

/**
 * TIMEOUT-1/2/3: {@code GET /slow}. The kit races the work against {@code slowDeadline}; {@link ReplyWriter} has
 * Jetty's scheduler fire the deadline, so no thread waits, and writes 200, 500 or 408 when the race is decided.
 */
final class SlowHandler extends AnswerHandler {
    private final OffloadApp app;

    SlowHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected Answer answer(Request request) {
        return app.slow(RequestValues.query(request, "ms"), RequestValues.query(request, "fail"));
    }
}
