package dev.offload.jetty;

import dev.offload.spec.kit.Answer;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.server.Request;

/**
 * BG-1/2: {@code POST /send-email}. The kit refuses a wrong Content-Type before the body is read, validates the
 * body and accepts with 202 before the send runs; the body is read on this thread, bounded by {@code maxBodyBytes}.
 */
final class EmailHandler extends AnswerHandler {
    private final OffloadApp app;

    EmailHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected Answer answer(Request request) throws Exception {
        int maxBytes = app.config().maxBodyBytes();
        return app.sendEmail(RequestValues.contentType(request), () -> RequestValues.bytes(request, maxBytes));
    }
}
